import Link from 'next/link';

export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <p>This page does not exist, or you may not see it. <Link href="/">Back to the start page</Link>.</p>
    </main>
  );
}
