//! A small `--option value` parser: the CLI has three commands and a dozen
//! options, not enough to justify an argument-parsing dependency.

use std::collections::HashMap;

/// Parsed command line: the options each command accepts, every one taking a value.
pub struct Options {
    values: HashMap<&'static str, Vec<String>>,
}

impl Options {
    /// Parses `args` against `known` option names (without the leading `--`).
    pub fn parse(args: &[String], known: &[&'static str]) -> Result<Options, String> {
        let mut values: HashMap<&'static str, Vec<String>> = HashMap::new();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let Some(body) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument '{arg}'"));
            };
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let name = known
                .iter()
                .find(|k| **k == name)
                .ok_or_else(|| format!("unknown option '--{name}'"))?;
            let value = match inline {
                Some(v) => v,
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("--{name} needs a value"))?,
            };
            values.entry(name).or_default().push(value);
        }
        Ok(Options { values })
    }

    /// The last value given for `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value given for a repeatable option.
    pub fn all(&self, name: &str) -> &[String] {
        self.values.get(name).map_or(&[], Vec::as_slice)
    }

    /// `name` parsed as a number, if given.
    pub fn number<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        self.get(name)
            .map(|v| {
                v.parse()
                    .map_err(|_| format!("--{name} must be a whole number, got '{v}'"))
            })
            .transpose()
    }
}
