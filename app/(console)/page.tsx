import { redirect } from 'next/navigation';

/** The console starts at the person's spaces. */
export default function Home() {
  redirect('/spaces');
}
