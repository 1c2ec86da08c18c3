//! The command line: arguments, output format, exit code. The work is done by
//! the `mtlint` library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mtlint::input::{self, DEFAULT_EXTENSIONS};
use mtlint::output::OutputFormat;
use mtlint::{LoadOptions, RuleSet, Severity};

/// Checks machine-translated news for the defects translation leaves behind.
#[derive(Parser)]
#[command(name = "mtlint", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files, directories (recursively: .txt and .md) or `-` (stdin).
    Check(CheckArgs),
    /// List every rule with its id, category, severity and file.
    Rules(RuleArgs),
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Directory of extra rule files; rules with an existing id replace it.
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
    /// Switch a rule off by id (repeatable).
    #[arg(long = "ignore", value_name = "RULE")]
    ignore: Vec<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Pretty)]
    format: OutputFormat,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => list_rules(args),
    };
    result.unwrap_or_else(|message| {
        eprintln!("mtlint: {message}");
        ExitCode::from(EXIT_TROUBLE)
    })
}

fn load_rules(args: &RuleArgs) -> Result<RuleSet, String> {
    RuleSet::load(&LoadOptions {
        extra_dirs: args.rule_dirs.clone(),
        disabled: args.ignore.clone(),
        ..LoadOptions::default()
    })
    .map_err(|e| e.to_string())
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let rules = load_rules(&args.rules)?;
    let (inputs, mut errors) = input::collect(&args.paths, DEFAULT_EXTENSIONS);
    for error in &errors {
        eprintln!("mtlint: {error}");
    }
    let stdout = std::io::stdout();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut printer = args.format.printer(Box::new(stdout.lock()), color);
    let worst = mtlint::check_inputs(&inputs, &rules, printer.as_mut(), |error| {
        eprintln!("mtlint: {error}");
        errors.push(error.clone());
    })
    .map_err(|e| format!("cannot write output: {e}"))?;
    Ok(if !errors.is_empty() {
        ExitCode::from(EXIT_TROUBLE)
    } else if args.fail_on.threshold().is_some_and(|t| worst >= Some(t)) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn list_rules(args: RuleArgs) -> Result<ExitCode, String> {
    let rules = load_rules(&args)?;
    println!("{:<32} {:<18} {:<8} FILE", "RULE", "CATEGORY", "SEVERITY");
    for rule in &rules.rules {
        println!(
            "{:<32} {:<18} {:<8} {}",
            rule.id, rule.category, rule.severity, rule.origin
        );
    }
    Ok(ExitCode::SUCCESS)
}
