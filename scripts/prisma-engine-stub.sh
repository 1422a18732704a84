#!/bin/sh
# Stands in for Prisma's schema engine, which is downloaded at run time and cannot be here (no internet).
# `prisma generate` does not need it; migrations are applied by `npm run db:migrate` (scripts/lib/migrate.ts).
echo "Prisma's schema engine is not available on this machine; use npm run db:migrate to apply prisma/migrations." >&2
exit 1
