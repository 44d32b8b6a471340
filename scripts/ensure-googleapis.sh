#!/usr/bin/env bash
# Makes sure the two googleapis protos that EasyChat's HTTP mappings import
# (google/api/annotations.proto and google/api/http.proto) are in third_party/googleapis/, where
# the proto crate, buf and the SDK generators look for them. They come from a pinned PyPI wheel,
# googleapis-common-protos (the package the Python SDK depends on at run time), checked against
# its SHA-256 and cached outside the clone; the copies in the clone are git-ignored.
#   scripts/ensure-googleapis.sh          fetch when missing (quiet when present)
#   scripts/ensure-googleapis.sh --print  print the include directory
set -euo pipefail

VERSION="1.70.0"
WHEEL="googleapis_common_protos-$VERSION-py3-none-any.whl"
SHA256="b8bfcca8c25a2bb253e0e0b0adaf8c00773e5e6af6fd92397576680b807e0fd8"
FILES=(google/api/annotations.proto google/api/http.proto)

root="$(cd "$(dirname "$0")/.." && pwd)"
include="$root/third_party/googleapis"
if [[ "${1:-}" == "--print" ]]; then
  echo "$include"
  exit 0
fi
stamp="$include/.version"
[[ -f "$stamp" && "$(cat "$stamp")" == "$VERSION" ]] && exit 0

mkdir -p "$root/third_party"
cache="${EASYCHAT_CACHE:-$HOME/.cache/easychat}/googleapis"
mkdir -p "$cache"
if [[ ! -f "$cache/$WHEEL" ]] || ! echo "$SHA256  $cache/$WHEEL" | sha256sum -c --quiet - 2>/dev/null; then
  echo "ensure-googleapis: downloading googleapis-common-protos $VERSION from PyPI" >&2
  rm -f "$cache/$WHEEL"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$cache" "googleapis-common-protos==$VERSION" >&2
fi
echo "$SHA256  $cache/$WHEEL" | sha256sum -c --quiet - || {
  echo "ensure-googleapis: $WHEEL does not have the pinned SHA-256" >&2
  exit 1
}
# Unpacked beside and renamed into place, so two builds running this at once (the proto and
# server crates' build scripts) never see a half-written directory.
rm -rf "$include"
scratch="$(mktemp -d "$root/third_party/.googleapis.XXXXXX")"
# A wheel is a zip; Python reads it, so no unzip is needed.
python3 - "$cache/$WHEEL" "$scratch" "${FILES[@]}" <<'PY'
import sys, zipfile
wheel, target, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as archive:
    for name in names:
        archive.extract(name, target)
PY
echo "$VERSION" >"$scratch/.version"
mv -T "$scratch" "$include" 2>/dev/null || rm -rf "$scratch"
