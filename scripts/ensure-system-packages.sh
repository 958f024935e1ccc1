#!/usr/bin/env bash
# Install Debian packages, only when missing. Arguments: what is needed —
#   gettext   msgfmt, to compile translations (make run, make test)
#   browser   chromium, for the browser tests (make test)
#   pdf       poppler-utils (pdftotext, pdfinfo), to read PDFs back in tests (make test)
#   imap      dovecot-imapd, the real IMAP server the mailbox tests start (make test)
set -euo pipefail
missing=()
for need in "$@"; do
  case "$need" in
    gettext) command -v msgfmt >/dev/null 2>&1 || missing+=(gettext) ;;
    browser) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    pdf) command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils) ;;
    imap) [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd) ;;
    *) echo "unknown need: $need" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "ERROR: ${missing[*]} missing and not running as root; install them with apt-get." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
