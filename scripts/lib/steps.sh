# Step runner for scripts/test-all.sh: runs each step with a heading and its duration, keeps going after a
# failed test step (so one run shows every failure), and adds up the test counts steps leave behind in
# $COUNTS_DIR/<step> as "<passed> <failed>".
COUNTS_DIR="${COUNTS_DIR:-artifacts/counts}"
mkdir -p "$COUNTS_DIR"
rm -f "$COUNTS_DIR"/*
FAILED_STEPS=()

step() {
  local name="$1"
  shift
  local started=$SECONDS
  printf '\n==> %s\n' "$name"
  if "$@"; then
    printf '<== %s: ok (%ss)\n' "$name" "$((SECONDS - started))"
  else
    printf '<== %s: FAILED (%ss)\n' "$name" "$((SECONDS - started))"
    FAILED_STEPS+=("$name")
  fi
}

# A step whose failure makes every later step meaningless (installing, building).
required_step() {
  local failed_before=${#FAILED_STEPS[@]}
  step "$@"
  if [ ${#FAILED_STEPS[@]} -gt "$failed_before" ]; then
    summary
    exit 1
  fi
}

summary() {
  local passed=0 failed=0 p f file
  for file in "$COUNTS_DIR"/*; do
    [ -f "$file" ] || continue
    read -r p f <"$file"
    printf '    %-28s %5s passed, %s failed\n' "$(basename "$file")" "$p" "$f"
    passed=$((passed + p))
    failed=$((failed + f))
  done
  if [ ${#FAILED_STEPS[@]} -gt 0 ]; then
    printf 'failed steps: %s\n' "${FAILED_STEPS[*]}"
    # A failed step without its own counts still counts as a failure.
    [ "$failed" -eq 0 ] && failed=${#FAILED_STEPS[@]}
  fi
  printf 'total: %d passed, %d failed\n' "$passed" "$failed"
}
