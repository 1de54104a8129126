//! Tera's errors as site errors, located in the theme file.

use crate::error::Error;
use std::collections::HashMap;
use std::sync::Arc;

/// Turn a tera error into a site error located in the template file;
/// `rendering` names the page being rendered (a label under the caret, so
/// the same mistake met on every page reads as one).
pub(super) fn tera_error(
    e: &tera::Error,
    files: &HashMap<String, (String, Arc<str>)>,
    rendering: Option<&str>,
) -> Error {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut message = match report {
        Some(r) => r.message().to_string(),
        None => e.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    let error = Error::new(format!("template error: {message}"));
    let error = match report.and_then(|r| files.get(r.filename()).map(|f| (r, f))) {
        Some((r, (display, text))) => error.at(display.as_str(), text, r.span().range.clone()),
        None => error,
    };
    match rendering {
        Some(what) => error.with_label(format!("while rendering {what}")),
        None => error,
    }
}

/// The errors of loading the templates. Tera checks every filter, test and
/// function call when templates are added and reports the unknown ones as
/// one message of reports it has already rendered (`error: Unknown filter
/// `x`` / `--> page.html:2:34`): each becomes an error of its own, located
/// in the theme file by its path.
pub(super) fn tera_errors(
    e: &tera::Error,
    files: &HashMap<String, (String, Arc<str>)>,
) -> Vec<Error> {
    let tera::ErrorKind::Msg(text) = e.kind() else {
        return vec![tera_error(e, files, None)];
    };
    let mut errors = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.trim().strip_prefix("error: ") else {
            continue;
        };
        let located = lines
            .peek()
            .and_then(|l| l.trim().strip_prefix("--> "))
            .and_then(|at| {
                let mut parts = at.rsplitn(3, ':');
                let col: usize = parts.next()?.parse().ok()?;
                let line: usize = parts.next()?.parse().ok()?;
                let (display, text) = files.get(parts.next()?)?;
                let start = crate::error::offset_of(text, line, col);
                let end = text[start..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map_or(text.len(), |n| start + n.max(1));
                Some(Error::new(format!("template error: {message}")).at(
                    display.as_str(),
                    text,
                    start..end,
                ))
            });
        errors.push(located.unwrap_or_else(|| Error::new(format!("template error: {message}"))));
    }
    if errors.is_empty() {
        errors.push(tera_error(e, files, None));
    }
    errors
}
