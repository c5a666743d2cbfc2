#!/bin/sh
# The nightly leak check: yesterday's export in, a report for people and an exit code for the
# alerting out, each day compared with the day before.
#
#   nightly.sh EXPORT...        files or directories (a Datadog archive tree, API pages, logs)
#
# Environment:
#   LEAK_REPORTS   where reports are kept (default ./leak-reports); latest.json is the baseline
#   MEMORY_LIMIT   the services' memory limit per process (default 512MiB)
#   LEAK_SUSPECTS  the command (default: npx leak-suspects)
#   REPORT_DATE    the name of today's reports (default: today, UTC)
#
# Exit: 0 no suspects, 1 suspects (the markdown report is ready to post), 2 the check failed.
set -u

reports=${LEAK_REPORTS:-./leak-reports}
limit=${MEMORY_LIMIT:-512MiB}
tool=${LEAK_SUSPECTS:-npx leak-suspects}
day=${REPORT_DATE:-$(date -u +%Y-%m-%d)}
mkdir -p "$reports" || exit 2

if [ -f "$reports/latest.json" ]; then
  set -- "$@" --baseline "$reports/latest.json"
fi

# One read of the export, three reports: JSON (the next baseline, for machines), HTML (charts,
# for people), markdown (for the ticket or the chat message).
$tool "$@" --since 24h --memory-limit "$limit" \
  --output "$reports/$day.json" --output "$reports/$day.html" --output "$reports/$day.md"
code=$?

case $code in
  0 | 1) cp "$reports/$day.json" "$reports/latest.json" ;;
  *) echo "nightly leak check failed (exit $code); reports kept as they were" >&2; exit 2 ;;
esac
if [ "$code" = 1 ]; then
  # Post it: e.g.  gh issue create --title "Leak suspects $day" --body-file "$reports/$day.md"
  echo "leak suspects found: $reports/$day.md, charts in $reports/$day.html"
fi
exit "$code"
