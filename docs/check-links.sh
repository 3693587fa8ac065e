#!/usr/bin/env bash
# Checks the internal links of the built book (docs/book): every relative
# href or src to a file of the site must name a file that exists, and every
# #fragment into a page must name an id of that page.
# Usage: docs/check-links.sh [book-dir]   (after `mdbook build docs`)
set -euo pipefail

book="${1:-$(dirname "$0")/book}"
if [[ ! -d "$book" ]]; then
    echo "check-links: $book does not exist; run \`mdbook build docs\` first" >&2
    exit 2
fi

# The site's root path (`site-url` in book.toml): absolute links under it
# resolve from the book's root.
site_url="$(sed -n -E 's/^site-url *= *"(.*)"/\1/p' "$(dirname "$0")/book.toml")"
site_url="${site_url:-/}"

api_docs="${CARGO_TARGET_DIR:-$(dirname "$0")/../target}/doc"

broken=0
checked=0
while IFS= read -r -d '' page; do
    dir="$(dirname "$page")"
    # Every href="..." and src="..." value of the page.
    while IFS= read -r target; do
        case "$target" in
            http:* | https:* | mailto:* | data:* | javascript:* | //*) continue ;;
        esac
        path="${target%%#*}"
        fragment=""
        [[ "$target" == *"#"* ]] && fragment="${target#*#}"
        path="${path%%\?*}"
        if [[ -z "$path" ]]; then
            file="$page"
        elif [[ "$path" == /* ]]; then
            if [[ "$path" != "$site_url"* ]]; then
                echo "link outside the site in ${page#"$book"/}: $target" >&2
                broken=$((broken + 1))
                continue
            fi
            file="$book/${path#"$site_url"}"
            [[ -d "$file" ]] && file="$file/index.html"
        else
            file="$dir/$path"
            [[ -d "$file" ]] && file="$file/index.html"
        fi
        # The API docs are copied to book/api/ when the site is published
        # (docs/build.sh); before that, check them where cargo doc wrote them.
        if [[ "$path" == api/* && ! -d "$book/api" ]]; then
            file="$api_docs/${path#api/}"
        fi
        checked=$((checked + 1))
        if [[ ! -e "$file" ]]; then
            echo "broken link in ${page#"$book"/}: $target" >&2
            broken=$((broken + 1))
        elif [[ -n "$fragment" && "$file" == *.html ]] &&
            ! grep -q -e "id=\"$fragment\"" -e "name=\"$fragment\"" "$file"; then
            echo "broken fragment in ${page#"$book"/}: $target" >&2
            broken=$((broken + 1))
        fi
    # Code blocks are left out: their text is HTML shown, not links.
    done < <(perl -0777 -pe 's{<pre\b.*?</pre>}{}gs; s{<code\b.*?</code>}{}gs' "$page" |
        grep -o -E '(href|src)="[^"]*"' | sed -E 's/^(href|src)="(.*)"$/\2/')
done < <(find "$book" -name '*.html' -not -path '*/api/*' -print0)

echo "check-links: $checked links checked, $broken broken" >&2
[[ "$broken" -eq 0 ]]
