#!/usr/bin/env bash
# test-backup-restore.sh — proves the backup-and-restore procedure of deploy/README.md on a
# running platform: a letter with a PDF attachment made through the gateway comes back,
# byte for byte, from a backup of the correspondence schema restored into a scratch database.
#
#   ./eoffice up && deploy/test-backup-restore.sh            (local platform, as root)
#   deploy/test-backup-restore.sh --compose                   (deploy/docker-compose.yml)
#
# EOFFICE_URL (default http://127.0.0.1:8080), EOFFICE_DEMO_USER and EOFFICE_DEMO_PASSWORD
# choose the drafter. The scratch database eoffice_restore_check is dropped at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode=(--local)
[[ "${1:-}" == --compose ]] && mode=(--compose)
[[ "${1:-}" == --exec ]] && mode=(--exec "${2:?--exec needs a prefix}")
# shellcheck source=pg-common.sh source-path=SCRIPTDIR
. "$here/pg-common.sh"
pg_set_mode "${mode[@]}"

gw="${EOFFICE_URL:-http://127.0.0.1:8080}"
user="${EOFFICE_DEMO_USER:-fajar.nugroho@eoffice.local}"
password="${EOFFICE_DEMO_PASSWORD:-Demo#2026}"
scratch=eoffice_restore_check
work="$(mktemp -d)"
cleanup() {
  pg psql -X -q -d postgres -c "drop database if exists $scratch" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in curl jq sha256sum; do command -v "$tool" >/dev/null || fail "$tool is needed"; done

# 1. The platform answers.
[[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$gw/health/ready")" == 200 ]] \
  || fail "the gateway at $gw is not ready (start the platform: ./eoffice up)"

# 2. A draft letter with a PDF attachment, through the gateway.
login="$(curl -sf --max-time 15 -H 'Content-Type: application/json' \
  -d "$(jq -nc --arg u "$user" --arg p "$password" '{username: $u, password: $p}')" "$gw/api/auth/login")" \
  || fail "sign-in as $user failed"
token="$(jq -er .accessToken <<<"$login")"
me="$(jq -c .user <<<"$login")"
auth=(-H "Authorization: Bearer $token")
positions="[]"
after=""
for _ in $(seq 1 50); do
  page="$(curl -sf --max-time 15 "${auth[@]}" "$gw/api/org/positions?limit=200${after:+&after=$after}")" \
    || fail "listing positions failed"
  positions="$(jq -c --argjson a "$positions" '$a + .items' <<<"$page")"
  after="$(jq -r '.next // empty' <<<"$page")"
  [[ -n "$after" ]] || break
done
people="$(jq -c --argjson me "$me" '
  (map({key: .id, value: .}) | from_entries) as $by
  | $by[$me.positionId] as $d
  | ($by[$d.superiorId // ""]) as $r
  | ($by[$r.superiorId // ""]) as $s
  | if $r == null or $s == null then error("the drafter needs a superior and a superior of that superior") else . end
  | ([.[] | select(.holder != null and .unitId != $d.unitId and .id != $r.id and .id != $s.id)][0]) as $to
  | {reviewer: $r.id, signer: $s.id, to: $to.id}' <<<"$positions")" || fail "could not pick reviewer, signer and addressee"
subject="Uji cadangan dan pemulihan $(date -u +%Y%m%dT%H%M%SZ)-$RANDOM"
draft="$(jq -nc --arg subject "$subject" --argjson p "$people" '{type: "Nota Dinas", subject: $subject,
  summary: "Surat uji prosedur cadangan", body: "Surat ini dibuat oleh **deploy/test-backup-restore.sh**.",
  classificationCode: "000", security: "Biasa", urgency: "Biasa",
  to: [{positionId: $p.to}], cc: [], reviewers: [$p.reviewer], signerPositionId: $p.signer}')"
letter="$(curl -sf --max-time 15 "${auth[@]}" -H 'Content-Type: application/json' -d "$draft" "$gw/api/letters")" \
  || fail "creating the draft letter failed"
letter_id="$(jq -er .id <<<"$letter")"
pdf="$work/lampiran.pdf"
{
  printf '%s\n' '%PDF-1.4' "% backup check $subject" '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj' \
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj' \
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj'
  head -c 65536 /dev/urandom | base64
  printf '%s\n' 'trailer << /Root 1 0 R >>' '%%EOF'
} >"$pdf"
pdf_sha="$(sha256sum "$pdf" | awk '{print $1}')"
upload="$(curl -s --max-time 30 -w '\n%{http_code}' "${auth[@]}" -F "file=@$pdf;type=application/pdf" \
  "$gw/api/letters/$letter_id/attachments")"
[[ "$(tail -n 1 <<<"$upload")" == 20[01] ]] || fail "attachment upload gave $(tail -n 1 <<<"$upload"): $(head -c 300 <<<"$upload")"
echo "made letter $letter_id with a $(stat -c %s "$pdf")-byte PDF (sha256 $pdf_sha)"

# 3. Back up the correspondence schema.
folder="$("$here/backup.sh" "${mode[@]}" -o "$work/backups" correspondence | tail -n 1)"
dump="$folder/correspondence.dump"
[[ -s "$dump" ]] || fail "backup.sh wrote no $dump"
echo "backed up to $dump ($(stat -c %s "$dump") bytes)"

# 4. Restore it into a fresh database.
pg psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "set client_min_messages = warning" -c "drop database if exists $scratch" -c "create database $scratch" >/dev/null \
  || fail "could not create the scratch database $scratch"
"$here/restore.sh" "${mode[@]}" --yes -d "$scratch" "$dump"

# 5. The letter and its attachment's bytes are there.
q() { pg psql -X -qAt -v ON_ERROR_STOP=1 -d "$scratch" -c "$1"; }
got_subject="$(q "select subject from correspondence.letters where id = '$letter_id'")"
[[ "$got_subject" == "$subject" ]] || fail "restored letter $letter_id: subject '$got_subject', expected '$subject'"
row="$(q "select sha256 || ' ' || encode(sha256(content), 'hex') || ' ' || length(content) from correspondence.attachments where letter_id = '$letter_id'")"
read -r stored_sha content_sha content_len <<<"$row"
[[ "$stored_sha" == "$pdf_sha" ]] || fail "restored attachment's recorded sha256 is '$stored_sha', uploaded $pdf_sha"
[[ "$content_sha" == "$pdf_sha" ]] || fail "restored attachment's bytes hash to '$content_sha', uploaded $pdf_sha"
[[ "$content_len" == "$(stat -c %s "$pdf")" ]] || fail "restored attachment has $content_len bytes"
echo "restored into $scratch: letter '$subject' and its attachment ($content_len bytes, sha256 $content_sha)"
echo "backup-and-restore: ok"
