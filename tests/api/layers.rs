//! The crate's layers only point down (routes/web -> app -> store/results -> domain/entities): no module of
//! `src/` imports one that imports it back, directly or through others. Read from the source text, so the check
//! needs no compiler plugin: every `crate::...`, `super::...` and `use` path is resolved to the file it names.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`store::attempts`) -> its source text.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut out = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&root).unwrap_or(&file).with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        let name = parts.join("::");
        if name == "main" {
            continue; // the binary, a client of the library
        }
        let name = if name == "lib" { String::new() } else { name };
        out.insert(name, std::fs::read_to_string(&file).unwrap_or_default());
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text without comments and string literals, so a path in a doc comment or a message is no import.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path written in `code` starting with `crate::` or `super::`, with `{a, b::c}` groups expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let head = start.trim_end_matches("::").to_string();
            expand(&code[from..], vec![head], &mut found);
        }
    }
    found
}

/// Reads one path (and its brace groups) from the start of `rest`, appending each full path to `out`.
fn expand(rest: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    let mut rest = rest;
    loop {
        let rest_trim = rest.trim_start();
        if let Some(group) = rest_trim.strip_prefix('{') {
            let mut depth = 1;
            let mut end = group.len();
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let inner = &group[..end];
            let mut depth = 0;
            let mut item_start = 0;
            for (i, c) in inner.char_indices().chain([(inner.len(), ',')]) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let item = inner[item_start..i.min(inner.len())].trim();
                        if !item.is_empty() && item != "self" {
                            expand(item, path.clone(), out);
                        } else if item == "self" {
                            out.push(path.clone());
                        }
                        item_start = i + 1;
                    }
                    _ => {}
                }
            }
            return;
        }
        let ident: String = rest_trim
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            out.push(path);
            return;
        }
        path.push(ident.clone());
        rest = &rest_trim[ident.len()..];
        match rest.strip_prefix("::") {
            Some(next) => rest = next,
            None => {
                out.push(path);
                return;
            }
        }
    }
}

/// The module a path names: the longest prefix that is a file of the crate.
fn resolve(from: &str, path: &[String], known: &BTreeMap<String, String>) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = path.iter();
    match iter.next().map(String::as_str) {
        Some("crate") => {}
        Some("super") => {
            parts = from.split("::").map(str::to_string).collect();
            parts.pop();
        }
        _ => return None,
    }
    for p in iter {
        if p == "super" {
            parts.pop();
        } else {
            parts.push(p.clone());
        }
    }
    (0..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|m| known.contains_key(m))
}

/// Paths into a module's own children written without `crate::` (`api::configure`, `use extract::X`).
fn child_paths(module: &str, code: &str, known: &BTreeMap<String, String>) -> Vec<Vec<String>> {
    let prefix = if module.is_empty() {
        String::new()
    } else {
        format!("{module}::")
    };
    let mut found = Vec::new();
    for child in known
        .keys()
        .filter_map(|m| m.strip_prefix(&prefix))
        .filter(|c| !c.contains("::") && !c.is_empty())
    {
        let needle = format!("{child}::");
        let mut from = 0;
        while let Some(at) = code[from..].find(&needle) {
            let at = from + at;
            from = at + needle.len();
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut path = vec!["crate".to_string()];
            path.extend(
                module
                    .split("::")
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
            path.push(child.to_string());
            found.push(path);
        }
    }
    found
}

/// Whether a path from `module` to `target` is no dependency between two parts: the crate root (`lib.rs` only
/// declares the modules), the module itself, or a folder that holds it. A folder's `mod.rs` is the hub of its
/// children (it declares and dispatches to them; they use the types it shares), the way Rust treats a module and its
/// descendants as one unit of privacy; cycles are looked for between siblings, cousins and layers.
fn no_dependency(module: &str, target: &str) -> bool {
    target.is_empty() || module == target || module.starts_with(&format!("{target}::"))
}

/// The modules `module` depends on: every path it writes, and the paths into its own children.
fn dependencies(module: &str, text: &str, known: &BTreeMap<String, String>) -> BTreeSet<String> {
    let code = code_only(text);
    paths(&code)
        .into_iter()
        .chain(child_paths(module, &code, known))
        .filter_map(|path| resolve(module, &path, known))
        .filter(|target| !no_dependency(module, target))
        .collect()
}

fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let known = modules();
    known
        .iter()
        .map(|(module, text)| (module.clone(), dependencies(module, text, &known)))
        .collect()
}

/// Groups of modules that reach each other (Tarjan's strongly connected components of more than one module).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        w.on_stack.insert(v);
        let graph = w.graph;
        for t in graph.get(v).into_iter().flatten() {
            let t = t.as_str();
            if !w.index.contains_key(t) {
                visit(w, t);
                let lt = w.low[t];
                let lv = w.low[v];
                w.low.insert(v, lv.min(lt));
            } else if w.on_stack.contains(t) {
                let it = w.index[t];
                let lv = w.low[v];
                w.low.insert(v, lv.min(it));
            }
        }
        if w.low[v] == w.index[v] {
            let mut group = Vec::new();
            while let Some(x) = w.stack.pop() {
                w.on_stack.remove(x);
                group.push(x.to_string());
                if x == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                w.found.push(group);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.found
}

#[test]
fn no_module_of_the_crate_imports_one_that_imports_it_back() {
    let graph = import_graph();
    assert!(graph.len() > 100, "the source tree was not found");
    let found = cycles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|group| {
            let edges: Vec<String> = group
                .iter()
                .flat_map(|a| {
                    graph[a]
                        .iter()
                        .filter(|b| group.contains(b))
                        .map(move |b| format!("{a} -> {b}"))
                })
                .collect();
            format!("{} modules: {}", group.len(), edges.join(", "))
        })
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", described.join("\n"));
}

#[test]
fn the_cycle_check_sees_a_cycle_through_a_brace_group() {
    let mut graph = BTreeMap::new();
    let known: BTreeMap<String, String> = ["a", "a::b", "c"]
        .into_iter()
        .map(|m| (m.to_string(), String::new()))
        .collect();
    for (module, text) in [
        ("a", "use crate::{c::X, a::b};"),
        ("a::b", "fn f() { super::super::c::y() }"),
        ("c", "use crate::a::b::Z; // crate::nothing"),
    ] {
        graph.insert(module.to_string(), dependencies(module, text, &known));
    }
    assert_eq!(
        cycles(&graph),
        vec![vec!["a::b".to_string(), "c".to_string()]]
    );
}

#[test]
fn no_route_handler_opens_a_transaction_writes_the_audit_log_or_forgets_a_cache() {
    let known = modules();
    let offenders: Vec<String> = known
        .iter()
        .filter(|(m, _)| m.starts_with("routes"))
        .flat_map(|(m, text)| {
            let code = code_only(text);
            [
                "begin()",
                "audit::record",
                ".forget(",
                ".forget_pools(",
                ".invalidate(",
                ".evict(",
                "attempt_slot(",
            ]
            .into_iter()
            .filter(move |needle| code.contains(needle))
            .map(move |needle| format!("{m}: {needle}"))
            .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "use-case work in handlers: {offenders:?}"
    );
}

#[test]
fn the_layers_below_the_use_cases_never_reach_up_to_them_or_to_http() {
    let graph = import_graph();
    let below = [
        "store",
        "results",
        "auth",
        "domain",
        "entities",
        "banks",
        "spreadsheet",
    ];
    let above = ["app", "routes", "web", "startup", "commands"];
    let top = |m: &str| m.split("::").next().unwrap_or_default().to_owned();
    let upward: Vec<String> = graph
        .iter()
        .filter(|(m, _)| below.contains(&top(m).as_str()))
        .flat_map(|(m, targets)| {
            targets
                .iter()
                .filter(|t| above.contains(&top(t).as_str()))
                .map(move |t| format!("{m} -> {t}"))
        })
        .collect();
    assert!(upward.is_empty(), "imports pointing up: {upward:?}");
}

/// What the domain must not name: the web framework, the database, the OpenAPI generator, or file reading.
const NOT_IN_THE_DOMAIN: [&str; 7] = [
    "sea_orm",
    "actix_web",
    "actix",
    "utoipa",
    "std::fs",
    "calamine",
    "csv::",
];

/// The forbidden names written in `text` outside comments and strings.
fn framework_names(text: &str) -> Vec<&'static str> {
    let code = code_only(text);
    NOT_IN_THE_DOMAIN
        .into_iter()
        .filter(|name| {
            code.match_indices(name).any(|(at, _)| {
                let before = code[..at].chars().last();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .collect()
}

#[test]
fn the_domain_names_no_web_framework_database_openapi_or_file_reader() {
    let known = modules();
    let domain: Vec<(&String, &String)> = known
        .iter()
        .filter(|(m, _)| *m == "domain" || m.starts_with("domain::"))
        .collect();
    assert!(domain.len() > 5, "the domain's files were not found");
    let offenders: Vec<String> = domain
        .into_iter()
        .flat_map(|(m, text)| {
            framework_names(text)
                .into_iter()
                .map(move |name| format!("{m}: {name}"))
        })
        .collect();
    assert!(offenders.is_empty(), "domain/ names {offenders:?}");
}

#[test]
fn the_domain_check_sees_code_but_not_comments_or_strings() {
    let code =
        "use sea_orm::EnumIter;\n#[derive(utoipa::ToSchema)]\nlet r = ::csv::Reader::from_path(p);";
    assert_eq!(framework_names(code), vec!["sea_orm", "utoipa", "csv::"]);
    let quiet =
        "//! no sea_orm here\n/* utoipa */ let s = \"std::fs\"; let ms_csv = 1; // calamine\n";
    assert!(
        framework_names(quiet).is_empty(),
        "{:?}",
        framework_names(quiet)
    );
    assert_eq!(
        framework_names("actix_web::web::Json"),
        vec!["actix_web", "actix"]
    );
}
