import Link from 'next/link';

/** Atrium's mark: an open courtyard, four rooms around it. */
export function Brand() {
  return (
    <Link href="/spaces" className="flex items-center gap-2 rounded-md font-semibold tracking-tight">
      <svg aria-hidden viewBox="0 0 24 24" className="size-6 text-primary-text" fill="none">
        <rect x="2.5" y="2.5" width="19" height="19" rx="5" stroke="currentColor" strokeWidth="2" />
        <rect x="8.5" y="8.5" width="7" height="7" rx="1.5" fill="currentColor" />
      </svg>
      <span>Atrium</span>
    </Link>
  );
}
