#!/usr/bin/env bash
# Builds the Labelme reader fuzzer with clang (libFuzzer + AddressSanitizer + UBSan) and runs it.
# usage: fuzz/run.sh [SECONDS=120] [extra libFuzzer flags...]
# Not part of the CMake build. Needs clang and libclang-rt-14-dev (packaging/install-deps.sh).
# Seeds: every Labelme JSON in tests/fixtures/labelme and labelme-examples. Crashes land in build/fuzz/crashes/.
set -euo pipefail
seconds=${1:-120}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/fuzz"
mkdir -p "$out/corpus" "$out/crashes" "$out/obj"
cxx=${CXX_FUZZ:-clang++}
flags=(-std=c++17 -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
       -I"$root" -isystem /usr/include/opencv4)

sources=("$root"/core/annotation/*.cpp "$root/core/common/error.cpp" "$root/core/common/atomic_file.cpp")
objects=()
for source in "${sources[@]}"; do
  object="$out/obj/$(basename "$source" .cpp).o"
  if [ ! -f "$object" ] || [ "$source" -nt "$object" ] || [ "$0" -nt "$object" ] || \
     [ -n "$(find "$root/core/annotation" "$root/core/common" -name '*.h' -newer "$object" -print -quit)" ]; then
    echo "compiling $(basename "$source")"
    "$cxx" "${flags[@]}" -c "$source" -o "$object"
  fi
  objects+=("$object")
done
"$cxx" "${flags[@]}" -fsanitize=fuzzer "$root/fuzz/labelme_reader_fuzzer.cpp" "${objects[@]}" \
  -lopencv_imgcodecs -lopencv_imgproc -lopencv_core -o "$out/labelme_reader_fuzzer"

for json in "$root"/tests/fixtures/labelme/*.json /usr/share/doc/labelme-examples/examples/*/*.json \
            /usr/share/doc/labelme-examples/examples/*/data_annotated/*.json; do
  [ -f "$json" ] && cp -n "$json" "$out/corpus/$(echo "$json" | md5sum | cut -c1-16).json"
done

cd "$out"
exec ./labelme_reader_fuzzer -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$out/crashes/" -print_final_stats=1 "$@" corpus
