//! The command line: arguments, output format, exit code. The work is done by
//! the `mtlint` library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use mtlint::baseline::{Baseline, Fingerprint};
use mtlint::checks::source_fragment::SourceFragment;
use mtlint::config::{self, Config, Overrides, Settings};
use mtlint::input;
use mtlint::output::{OutputFormat, PrinterOptions, explain};
use mtlint::serve::{Defaults, ServeOptions, Server};
use mtlint::{Document, Format, Linter, LoadOptions, Severity};

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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Print the effective settings and where each comes from.
    Config(RuleArgs),
    /// Explain a rule: what it catches, why, examples, how to configure it.
    Explain(ExplainRuleArgs),
    /// Print the sentence alignment of a translation with its source (TSV).
    Align(AlignArgs),
    /// Show the language evidence of each sentence and candidate span of a
    /// file, for tuning the source-fragment rule files.
    ExplainLanguage(ExplainArgs),
    /// Serve LanguageTool's HTTP API (/v2/check), a JSON API (/api/check)
    /// and a page for editors (/).
    Serve(ServeArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on; the server has no authentication, so keep it
    /// on loopback unless a proxy guards it.
    #[arg(long, default_value = "127.0.0.1:8081")]
    addr: std::net::SocketAddr,
    /// Largest request body, in bytes (larger requests get 413).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    max_body: usize,
    /// Longest a check may take, in seconds (longer ones get 503).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    timeout: f64,
    /// Checks run at once; more wait their turn (default: one per core).
    #[arg(long, value_name = "N")]
    max_concurrent: Option<usize>,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(clap::Args)]
struct ExplainRuleArgs {
    /// The rule id (see `mtlint rules`).
    #[arg(value_name = "RULE")]
    rule: String,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(clap::Args)]
struct AlignArgs {
    /// The source text.
    #[arg(value_name = "SOURCE")]
    source: PathBuf,
    /// Its translation.
    #[arg(value_name = "TARGET")]
    target: PathBuf,
    #[arg(long, value_enum, default_value_t = AlignFormat::Tsv)]
    format: AlignFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum AlignFormat {
    /// source lines, target lines, source text, target text
    Tsv,
    /// one JSON array of links
    Json,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// The file to explain; `-` reads standard input.
    #[arg(value_name = "PATH")]
    path: PathBuf,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Language the text was translated from (ISO 639-1; default fr).
    #[arg(long, value_name = "LANG")]
    source_lang: Option<String>,
    /// Language of the text: `auto` (default) detects it per document among
    /// the targets the source language has rule packs for.
    #[arg(long, value_name = "LANG")]
    target_lang: Option<String>,
    /// Directory of extra rule files; rules with an existing id replace it.
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
    /// Report only these rules or categories (repeatable).
    #[arg(long = "select", value_name = "RULE|CATEGORY")]
    select: Vec<String>,
    /// Drop the findings of these rules or categories (repeatable).
    #[arg(long = "ignore", value_name = "RULE|CATEGORY")]
    ignore: Vec<String>,
    /// Configuration file (default: the nearest mtlint.toml above the
    /// working directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Use no configuration file.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(required_unless_present = "pairs", value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Pretty)]
    format: OutputFormat,
    /// Findings only: no progress bar, closing count or notices.
    #[arg(long, short)]
    quiet: bool,
    /// Add counts per category and rule after the output (on stderr after
    /// machine-readable formats).
    #[arg(long)]
    summary: bool,
    /// Apply the safe fixes to the files (then report what is left).
    #[arg(long, conflicts_with_all = ["source", "pairs"])]
    fix: bool,
    /// Print the safe fixes as a unified diff; change nothing.
    #[arg(long, conflicts_with_all = ["source", "pairs", "fix"])]
    diff: bool,
    /// Report only findings not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding in this baseline file (and report them all).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Bilingual mode: the source of the one translation given as PATH.
    #[arg(long, value_name = "FILE", conflicts_with = "pairs")]
    source: Option<PathBuf>,
    /// Bilingual mode: check every NAME.<source-lang>.txt below DIR against
    /// each NAME.<code>.txt beside it.
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    pairs: Option<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
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

/// glibc gives each thread's heap room a few pages at a time, with an
/// `mprotect` call each time (434 in a one-article run), and each such call
/// interrupts the other cores to flush their address caches. Room of 4 MB at
/// a time (17 to 27 calls) took a one-article run from 13.8 to 12.8 ms, with
/// the same peak memory: pages are only held once written.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn grow_heaps_in_large_steps() {
    const TOP_PAD: libc::c_int = 4 << 20;
    // SAFETY: `mallopt` sets one of the allocator's tuning parameters; it is
    // called first thing in `main`, before any other thread allocates.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, TOP_PAD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn grow_heaps_in_large_steps() {}

fn main() -> ExitCode {
    grow_heaps_in_large_steps();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => list_rules(args),
        Command::ExplainLanguage(args) => explain_language(args),
        Command::Align(args) => print_alignment(args),
        Command::Explain(args) => explain_rule(args),
        Command::Config(args) => print_config(args),
        Command::Serve(args) => serve(args),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "mtlint", &mut script);
            print_out(&script)
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => print_out(&page),
                Err(e) => Err(format!("cannot render the man page: {e}")),
            }
        }
    };
    result.unwrap_or_else(|message| {
        if !message.is_empty() {
            eprintln!("mtlint: {message}");
        }
        ExitCode::from(EXIT_TROUBLE)
    })
}

/// The effective settings (command line over mtlint.toml over defaults) and
/// the linter they describe.
fn load_rules(args: &RuleArgs, fail_on: Option<FailOn>) -> Result<(Settings, Linter), String> {
    let config = match (&args.config, args.no_config) {
        (_, true) => Config::none(),
        (Some(path), false) => Config::load(path)?,
        (None, false) => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the working directory: {e}"))?;
            match config::discover(&cwd) {
                Some(path) => Config::load(&path)?,
                None => Config::none(),
            }
        }
    };
    let fail_on = fail_on
        .and_then(|f| f.to_possible_value())
        .map(|v| v.get_name().to_string());
    let settings = Settings::resolve(
        config,
        Overrides {
            source_lang: args.source_lang.clone(),
            target_lang: args.target_lang.clone(),
            rule_dirs: args.rule_dirs.clone(),
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            fail_on,
        },
    )?;
    let linter = Linter::load(&LoadOptions {
        source: settings.source_lang.value.clone(),
        target: target_lang(&settings),
        extra_dirs: settings.rule_dirs.value.clone(),
        disabled: Vec::new(),
    })
    .map_err(|e| e.to_string())?;
    let known = linter.rule_ids();
    settings.check_selectors(&known)?;
    Ok((settings, linter))
}

/// The target language of the settings; empty for `auto` (detect it).
fn target_lang(settings: &Settings) -> String {
    match settings.target_lang.value.as_str() {
        "auto" => String::new(),
        lang => lang.to_string(),
    }
}

fn serve(args: ServeArgs) -> Result<ExitCode, String> {
    let (settings, linter) = load_rules(&args.rules, None)?;
    let time_limit = std::time::Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|t| !t.is_zero())
        .ok_or("--timeout must be a positive number of seconds")?;
    let max_concurrent = args.max_concurrent.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let defaults = Defaults {
        target_lang: target_lang(&settings),
        source_lang: settings.source_lang.value,
        rule_dirs: settings.rule_dirs.value,
        policy: settings.policy,
    };
    let server = Server::bind(
        ServeOptions {
            addr: args.addr,
            max_body: args.max_body,
            time_limit,
            max_concurrent,
            defaults,
        },
        linter,
    )?;
    let address = server.local_addr()?;
    print_out(
        format!("mtlint: serving http://{address}/ (LanguageTool API under /v2/)\n").as_bytes(),
    )?;
    server.run()?;
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let (settings, linter) = load_rules(&args.rules, args.fail_on)?;
    let fail_on = FailOn::from_str(&settings.fail_on.value, true).map_err(|_| {
        format!(
            "{}: fail-on must be error, warning, info or never",
            settings.fail_on.origin
        )
    })?;
    let extensions: Vec<&str> = settings
        .extensions
        .value
        .iter()
        .map(String::as_str)
        .collect();
    let (inputs, found_errors) = input::collect(&args.paths, &extensions);
    let mut errors = Vec::new();
    for error in found_errors {
        report(error, &mut errors);
    }
    if args.fix || args.diff {
        let changed = apply_fixes(&inputs, &linter, args.diff, args.quiet, &mut errors)?;
        if args.diff {
            return Ok(if !errors.is_empty() {
                ExitCode::from(EXIT_TROUBLE)
            } else if changed > 0 {
                ExitCode::from(EXIT_FINDINGS)
            } else {
                ExitCode::SUCCESS
            });
        }
    }
    let stdout = std::io::stdout();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let options = PrinterOptions {
        color,
        quiet: args.quiet,
        rules: if args.format.describes_rules() {
            linter.rules()
        } else {
            Vec::new()
        },
    };
    // Block-buffered unless a person watches (as ripgrep does): one write
    // a line cost a system call for each of a corpus's findings.
    let out: Box<dyn std::io::Write> = if stdout.is_terminal() {
        Box::new(stdout.lock())
    } else {
        Box::new(std::io::BufWriter::with_capacity(1 << 16, stdout.lock()))
    };
    let mut printer = args.format.printer(out, options);
    if args.summary {
        let table: Box<dyn std::io::Write> = if args.format.is_for_people() {
            Box::new(std::io::stdout())
        } else {
            Box::new(std::io::stderr())
        };
        printer = Box::new(mtlint::output::Summary::new(printer, table));
    }
    // A reader that stops early (`| head`) is not an error worth a message.
    let write_error = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::BrokenPipe => String::new(),
        _ => format!("cannot write output: {e}"),
    };
    let mut baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
            Some(Baseline::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => None,
    };
    let mut recorded: Vec<Fingerprint> = Vec::new();
    let recording = args.write_baseline.is_some();
    let progress = progress_bar(inputs.len(), args.quiet);
    let mut review = |path: &str, text: &str, found: &mut Vec<mtlint::Diagnostic>| {
        progress.inc(1);
        settings.policy.apply(path, found);
        if let Some(baseline) = baseline.as_mut() {
            baseline.filter(path, text, found);
        }
        if recording {
            recorded.extend(found.iter().map(|d| Fingerprint::of(path, text, d)));
        }
    };
    let mut translations = Vec::new();
    if let Some(source) = &args.source {
        let [target] = inputs.as_slice() else {
            return Err("--source takes exactly one translation to check".to_string());
        };
        translations.push((input::Input::File(source.clone()), target.clone()));
    }
    if let Some(dir) = &args.pairs {
        let (found, pair_errors) = input::pairs(dir, &settings.source_lang.value, &extensions);
        for error in pair_errors {
            report(error, &mut errors);
        }
        translations.extend(found);
    }
    let worst = if translations.is_empty() {
        mtlint::check_inputs(&inputs, &linter, printer.as_mut(), &mut review, |error| {
            report(error.clone(), &mut errors)
        })
        .map_err(write_error)?
    } else {
        let mut worst = None;
        for (source, target) in &translations {
            match mtlint::check_translation(source, target, &linter, printer.as_mut(), &mut review)
                .map_err(write_error)?
            {
                Ok(found) => worst = worst.max(found),
                Err(error) => report(error, &mut errors),
            }
        }
        worst
    };
    progress.finish_and_clear();
    printer.finish().map_err(write_error)?;
    // The process ends here: freeing the compiled rules (thousands of
    // automaton states) would add milliseconds to a one-article run.
    std::mem::forget(linter);
    if let Some(path) = &args.write_baseline {
        std::fs::write(path, Baseline::write(recorded))
            .map_err(|e| format!("{}: cannot write baseline: {e}", path.display()))?;
    }
    Ok(if !errors.is_empty() {
        ExitCode::from(EXIT_TROUBLE)
    } else if fail_on.threshold().is_some_and(|t| worst >= Some(t)) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn list_rules(args: RuleArgs) -> Result<ExitCode, String> {
    let (settings, linter) = load_rules(&args, None)?;
    let mut out = format!(
        "{:<6} {:<32} {:<18} {:<8} FILE\n",
        "PAIR", "RULE", "CATEGORY", "SEVERITY"
    );
    for (target, rules) in linter.targets() {
        let pair = format!("{}-{target}", settings.source_lang.value);
        for rule in &rules.rules {
            out.push_str(&format!(
                "{pair:<6} {:<32} {:<18} {:<8} {}\n",
                rule.id, rule.category, rule.severity, rule.origin
            ));
        }
    }
    print_out(out.as_bytes())
}

fn explain_language(args: ExplainArgs) -> Result<ExitCode, String> {
    let (settings, linter) = load_rules(&args.rules, None)?;
    let (inputs, errors) =
        input::collect(std::slice::from_ref(&args.path), input::DEFAULT_EXTENSIONS);
    if let Some(error) = errors.first() {
        return Err(error.to_string());
    }
    for input in &inputs {
        let text = input.read().map_err(|e| e.to_string())?;
        let (target, rules) = linter.target_of(&text);
        let fragments = rules.find::<SourceFragment>().ok_or_else(|| {
            format!(
                "the {} rules have no source-fragment rule",
                settings.source_lang.value
            )
        })?;
        let doc = Document::parse(&text, input.format());
        let rendered = explain::render(
            &input.display(),
            &text,
            target,
            fragments.language(),
            &fragments.explain(&doc),
        );
        print_out(rendered.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_alignment(args: AlignArgs) -> Result<ExitCode, String> {
    let read = |path: &PathBuf| {
        input::Input::File(path.clone())
            .read()
            .map_err(|e| e.to_string())
    };
    let (source_text, target_text) = (read(&args.source)?, read(&args.target)?);
    let source = Document::parse(&source_text, Format::from_path(&args.source));
    let target = Document::parse(&target_text, Format::from_path(&args.target));
    let alignment = mtlint::align::align(&source, &target);
    let out = match args.format {
        AlignFormat::Tsv => mtlint::output::alignment::tsv(&source, &target, &alignment),
        AlignFormat::Json => mtlint::output::alignment::json(&source, &target, &alignment),
    };
    print_out(out.as_bytes())
}

fn explain_rule(args: ExplainRuleArgs) -> Result<ExitCode, String> {
    let (_, linter) = load_rules(&args.rules, None)?;
    let rules = linter.rules();
    let rule = rules
        .iter()
        .find(|r| r.id == args.rule)
        .ok_or_else(|| format!("unknown rule `{}` (see `mtlint rules`)", args.rule))?;
    print_out(mtlint::output::explain::rule(rule).as_bytes())
}

/// Fixes each file (or prints the diff); returns how many would change,
/// or why the diff could not be written.
fn apply_fixes(
    inputs: &[input::Input],
    linter: &Linter,
    diff: bool,
    quiet: bool,
    errors: &mut Vec<input::InputError>,
) -> Result<usize, String> {
    let mut changed = 0;
    for input in inputs {
        let input::Input::File(path) = input else {
            report(
                input.error("--fix and --diff need files, not standard input".to_string()),
                errors,
            );
            continue;
        };
        if input.segmented().is_some() {
            continue;
        }
        let text = match input.read() {
            Ok(text) => text,
            Err(e) => {
                report(e, errors);
                continue;
            }
        };
        let fixed = mtlint::fix::fix(&text, |t| linter.check(t, input.format()));
        if fixed == text {
            continue;
        }
        changed += 1;
        if diff {
            print_out(mtlint::fix::diff(&input.display(), &text, &fixed).as_bytes())?;
        } else if let Err(message) = mtlint::fix::write(path, &text, &fixed) {
            eprintln!("mtlint: warning: {}: {message}", input.display());
        } else if !quiet {
            eprintln!("mtlint: fixed {}", input.display());
        }
    }
    Ok(changed)
}

fn print_config(args: RuleArgs) -> Result<ExitCode, String> {
    let (settings, _) = load_rules(&args, None)?;
    print_out(settings.render().as_bytes())
}

/// Writes `bytes` to standard output. A reader that stops early (`| head`)
/// ends the run quietly, as it does `check`'s; any other failure is an
/// error rather than a panic.
fn print_out(bytes: &[u8]) -> Result<ExitCode, String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(String::new()),
        Err(e) => Err(format!("cannot write output: {e}")),
    }
}

/// Files checked before a progress bar is worth showing.
const PROGRESS_FROM: usize = 50;

/// A progress bar on stderr for long runs on a terminal; hidden otherwise.
fn progress_bar(files: usize, quiet: bool) -> indicatif::ProgressBar {
    if quiet || files < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

/// Prints an input problem on stderr; a real error (not a notice such as a
/// skipped binary file) is kept, so that the exit code is 2.
fn report(error: input::InputError, errors: &mut Vec<input::InputError>) {
    if error.notice {
        eprintln!("mtlint: note: {error}");
    } else {
        eprintln!("mtlint: {error}");
        errors.push(error);
    }
}
