//! Code blocks written as a static-site generator's tags instead of
//! Markdown fences: Jekyll's and Liquid's `{% highlight java %}` …
//! `{% endhighlight %}`, Octopress' and Hexo's `{% codeblock lang:java %}`
//! … `{% endcodeblock %}`, Hugo's `{{< highlight go "linenos=table" >}}` …
//! `{{< /highlight >}}`. Markdown reads them as prose: a stack trace shown
//! that way became the report's cause and its error was not found. Each
//! such tag alone on its line, with its closing tag further down, becomes
//! a tilde fence naming the language; Liquid's `{% raw %}` and
//! `{% endraw %}` lines, which only tell Jekyll not to read what is
//! between them, become blank.
//!
//! Lines keep their numbers and their lengths, so lines and columns stay
//! the file's own. Tags shown inside a Markdown fence (a post about
//! Jekyll) are left as they are.

use super::loose_headings::track_fence;

/// The body with every code tag made a fence; `None` when it has none.
pub fn repair(body: &str) -> Option<String> {
    if !(body.contains("{%") || body.contains("{{<") || body.contains("{{%")) {
        return None;
    }
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut out = String::with_capacity(body.len());
    let mut changed = false;
    let mut fence = None;
    // The name of the code tag open, if any.
    let mut open: Option<&str> = None;
    // The fence of the block open: longer than any tilde run its code
    // opens a line with.
    let mut tildes = String::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line.trim_end_matches(['\r', '\n']);
        let end = &line[text.len()..];
        let indent = &text[..text.len() - text.trim_start().len()];
        if let Some(name) = open {
            if closes(text, name, indent) {
                out.push_str(&padded(indent, &tildes, text.len()));
                out.push_str(end);
                open = None;
            } else {
                out.push_str(line);
            }
            continue;
        }
        if track_fence(line, &mut fence) || fence.is_some() {
            out.push_str(line);
            continue;
        }
        match tag(text) {
            // Indented four spaces or by a tab, the tag is code already.
            Some(t)
                if !t.closing
                    && t.code
                    && indent.len() < 4
                    && !indent.contains('\t')
                    && closes_later(&lines[i + 1..], t.name, indent) =>
            {
                tildes = fence_for(&lines[i + 1..]);
                let opening = format!("{tildes}{}", t.language.unwrap_or(""));
                out.push_str(&padded(indent, &opening, text.len()));
                out.push_str(end);
                open = Some(t.name);
                changed = true;
            }
            Some(t) if t.name == "raw" || t.name == "endraw" => {
                out.push_str(&" ".repeat(text.len()));
                out.push_str(end);
                changed = true;
            }
            _ => out.push_str(line),
        }
    }
    changed.then_some(out)
}

/// One template tag alone on its line.
struct Tag<'a> {
    /// `highlight`, `codeblock`, `raw`; a closing tag's name is its
    /// opening tag's (`endhighlight` and `/highlight` are `highlight`).
    name: &'a str,
    closing: bool,
    /// Whether the tag opens or closes a block of code.
    code: bool,
    language: Option<&'a str>,
}

fn tag(text: &str) -> Option<Tag<'_>> {
    let t = text.trim();
    let inner = if let Some(rest) = t.strip_prefix("{%") {
        rest.strip_suffix("%}")?
    } else if let Some(rest) = t.strip_prefix("{{<") {
        rest.strip_suffix(">}}")?
    } else if let Some(rest) = t.strip_prefix("{{%") {
        rest.strip_suffix("%}}")?
    } else {
        return None;
    };
    // `{% raw %}${{ x }}{% endraw %}`, `{% highlight %}x{% endhighlight %}`:
    // tags around text on one line are not a line of their own.
    if inner.contains("{%") || inner.contains("%}") || inner.contains("{{") || inner.contains("}}")
    {
        return None;
    }
    // Liquid's whitespace control: `{%- highlight js -%}`.
    let inner = inner.trim_matches('-').trim();
    let (slash, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let (word, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let (name, closing) = match word.strip_prefix("end") {
        Some(rest) if !slash && !rest.is_empty() => (rest, true),
        _ => (word, slash),
    };
    let code = matches!(name, "highlight" | "codeblock");
    if !code && name != "raw" {
        return None;
    }
    let language = (code && !closing).then(|| language(name, args)).flatten();
    Some(Tag {
        name,
        closing,
        code,
        language,
    })
}

/// The language a code tag names: `highlight`'s first argument (`java`,
/// `"go"`, `lang="go"`), `codeblock`'s `lang:` option (its first words
/// are a caption).
fn language<'a>(name: &str, args: &'a str) -> Option<&'a str> {
    let clean = |w: &'a str| {
        let w = w.trim_matches(['"', '\'']);
        (!w.is_empty()
            && w.chars()
                .all(|c| c.is_alphanumeric() || "+#-_.".contains(c)))
        .then_some(w)
    };
    if name == "codeblock" {
        return args
            .split_whitespace()
            .find_map(|w| w.strip_prefix("lang:"))
            .and_then(clean);
    }
    let first = args.split_whitespace().next()?;
    match first.split_once('=') {
        Some(("lang", value)) => clean(value),
        Some(_) => None,
        None => clean(first),
    }
}

/// Whether `text` closes the `name` tag opened at `indent`: the two
/// fences must line up, or the one left open would run to the end.
fn closes(text: &str, name: &str, indent: &str) -> bool {
    let own = &text[..text.len() - text.trim_start().len()];
    own == indent && tag(text).is_some_and(|t| t.closing && t.name == name)
}

/// Whether the tag is closed further down, outside any Markdown fence (a
/// closing tag shown in an example is no close).
fn closes_later(rest: &[&str], name: &str, indent: &str) -> bool {
    let mut fence = None;
    for line in rest {
        if track_fence(line, &mut fence) || fence.is_some() {
            continue;
        }
        if closes(line.trim_end_matches(['\r', '\n']), name, indent) {
            return true;
        }
    }
    false
}

/// A tilde fence longer than any a line of the block (up to its closing
/// tag) opens with.
fn fence_for(rest: &[&str]) -> String {
    let longest = rest
        .iter()
        .take_while(|l| !tag(l).is_some_and(|t| t.closing))
        .map(|l| l.trim_start().bytes().take_while(|&b| b == b'~').count())
        .max()
        .unwrap_or(0);
    "~".repeat(longest.max(3) + 1)
}

/// `fence` after `indent`, padded with spaces to `len` bytes.
fn padded(indent: &str, fence: &str, len: usize) -> String {
    let mut s = format!("{indent}{fence}");
    if s.len() < len {
        s.push_str(&" ".repeat(len - s.len()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::markdown::{blocks, Kind};

    fn code_blocks(src: &str) -> Vec<(Option<String>, String)> {
        blocks(src, 1)
            .into_iter()
            .filter_map(|b| match b.kind {
                Kind::Code { lang, text, .. } => Some((lang, text)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn jekyll_highlight_blocks_are_code_with_their_language() {
        let src = "# Crash on start\n\nThe app died:\n\n{% highlight java linenos %}\njava.lang.NullPointerException: boom\n    at a.B.c(B.java:10)\n{% endhighlight %}\n\nWe fixed it.\n";
        let out = repair(src).expect("tags");
        assert_eq!(out.lines().count(), src.lines().count());
        for (a, b) in out.lines().zip(src.lines()) {
            assert_eq!(a.len(), b.len(), "{a:?} / {b:?}");
        }
        let code = code_blocks(&out);
        assert_eq!(code.len(), 1);
        assert_eq!(code[0].0.as_deref(), Some("java"));
        assert!(code[0].1.starts_with("java.lang.NullPointerException"));
    }

    #[test]
    fn hexo_and_hugo_tags_and_whitespace_control() {
        let hexo = "{% codeblock Server log lang:python %}\nTraceback (most recent call last):\n{% endcodeblock %}\n";
        assert_eq!(
            code_blocks(&repair(hexo).expect("hexo"))[0].0.as_deref(),
            Some("python")
        );
        let hugo =
            "Text.\n\n{{< highlight go \"linenos=table\" >}}\npanic: boom\n{{< / highlight >}}\n";
        assert_eq!(
            code_blocks(&repair(hugo).expect("hugo"))[0].0.as_deref(),
            Some("go")
        );
        let named = "{{< highlight lang=\"rust\" >}}\nfn main() {}\n{{< /highlight >}}\n";
        assert_eq!(
            code_blocks(&repair(named).expect("hugo"))[0].0.as_deref(),
            Some("rust")
        );
        let liquid = "  {%- highlight js -%}\n  x()\n  {%- endhighlight -%}\n";
        assert_eq!(code_blocks(&repair(liquid).expect("liquid")).len(), 1);
    }

    #[test]
    fn raw_tags_become_blank_lines() {
        let src = "{% raw %}\n```yaml\nkey: {{ value }}\n```\n{% endraw %}\n";
        let out = repair(src).expect("raw");
        assert!(out.starts_with("         \n```yaml"), "{out:?}");
        assert_eq!(code_blocks(&out).len(), 1);
    }

    #[test]
    fn tags_shown_as_code_or_left_open_are_left_alone() {
        // A post about Jekyll: the tags are the example.
        let shown = "```liquid\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n```\n";
        assert!(repair(shown).is_none());
        // No closing tag: nothing to fence.
        assert!(repair("{% highlight ruby %}\nputs 1\n").is_none());
        // A block that shows tilde fences keeps them inside.
        let md = "{% highlight markdown %}\n~~~~\nx\n~~~~\n## Not a heading\n{% endhighlight %}\n\n## Cause\n";
        let out = repair(md).expect("tags");
        assert!(
            !blocks(&out, 1).iter().any(|b| b.text() == "Not a heading"),
            "{out}"
        );
        // A closing tag shown only in a later example closes nothing.
        let example =
            "{% highlight ruby %}\n\n## Root cause\n\n```liquid\n{% endhighlight %}\n```\n";
        assert!(repair(example).is_none());
        // Fences that would not line up, and a tag indented as code.
        assert!(repair("{% highlight ruby %}\nputs 1\n    {% endhighlight %}\n").is_none());
        assert!(repair("\t{% highlight ruby %}\nputs 1\n{% endhighlight %}\n").is_none());
        // Tags around text on one line.
        assert!(repair("{% raw %}${{ secrets.KEY }}{% endraw %}\n").is_none());
        assert!(repair(
            "{% highlight ruby %}puts 1{% endhighlight %}\n## Cause\n{% endhighlight %}\n"
        )
        .is_none());
        // Tags inside a line of prose, and other Liquid tags.
        assert!(repair("Use {% highlight %} blocks.\n{% include note.html %}\n").is_none());
        assert!(repair("# Plain report\n\nNo tags.\n").is_none());
    }
}
