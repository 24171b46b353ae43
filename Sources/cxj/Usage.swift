/// The help texts of the command line.
enum Usage {
    static func text(for command: String) -> String? {
        switch command {
        case "check": return check
        case "compile": return compile
        case "explain": return explain
        case "fmt": return format
        case "rules": return rules
        case "import": return importHelp
        case "diff": return diffHelp
        case "doc": return doc
        default: return nil
        }
    }

    static let general = """
    cxj \u{2014} a compiler for customer journeys written as a CxDNA double helix

    usage: cxj <command> [options] [paths]

    commands:
      check PATH…      parse and check journeys; a directory means every *.cxj below it, - means stdin
      compile PATH… --to dot|json|report|text|mermaid [-o OUT]
                       compile journeys to Graphviz DOT, JSON, a Markdown gap report, a text
                       report or a Mermaid journey diagram
      doc PATH… -o DIR a static documentation site: journeys, maps, reports, catalogue, rules
      diff OLD NEW     what a change does to the journeys (`--git REV` compares with a revision)
      import mermaid FILE [-o OUT.cxj]
                       turn a Mermaid journey diagram into a formatted .cxj file
      fmt PATH…        rewrite files in canonical form (--check, --stdout, --diff)
      explain CODE     explain a code or rule, with a failing and a fixed example
      rules            list every code with its name and default severity

    options:
      -h, --help       show help for cxj or for a command (`cxj check --help`)
      --version        print the version

    Run `cxj <command> --help` for the options of a command.

    """

    static let diagnosticOptions = """
      --diagnostics FORMAT   how to print diagnostics: human (default), short, json, sarif or github
      --deny-warnings        exit with status 1 if there is any warning
      --max-warnings N       exit with status 1 if there are more than N warnings
      --allow RULE           turn a gap rule off (code or name; repeatable)
      --warn RULE            report a gap rule as a warning (repeatable)
      --deny RULE            report a gap rule as an error (repeatable)
      --color WHEN           colour human diagnostics: auto (default), always or never;
                             auto means only on a terminal and never when NO_COLOR is set
      --max-diagnostics N    show at most N diagnostics a file (default 200); say how many more
      --max-file-size SIZE   refuse files larger than SIZE (default 64M; K, M or G; below 2G)
      --allow-import-outside DIR
                             let imports reach DIR outside the project root (repeatable)
      -h, --help             show this help
    """

    static let exitStatus = """
    exit status:
      0  no errors, and warnings within the limits
      1  errors, or warnings over --max-warnings, or any warning under --deny-warnings
      2  usage error, unreadable input, or internal error
    """

    static let check = """
    usage: cxj check [options] PATH…

    Parses and checks .cxj files and reports their diagnostics on standard error (json, sarif
    and github go to standard output). A directory means every *.cxj file below it; - reads
    standard input.

    options:
    \(diagnosticOptions)

    \(exitStatus)

    """

    static let compile = """
    usage: cxj compile [options] PATH… --to dot|json|report|text|mermaid [-o OUT] [--layout tall|wide] [--ids]

    Checks the inputs, then compiles every input without errors:
      dot      the journey as a service blueprint, for Graphviz (`dot -Tsvg`)
      json     one document for tools; see Grammar/cxj-output.schema.json
      report   the gap report in Markdown
      text     the gap report for a terminal, 100 columns wide
      mermaid  a Mermaid `journey` diagram per journey, which GitHub renders natively

    `--ids` shows each node's identifier under its label in DOT (hidden by default).
    `--layout tall` (the default) runs a DOT diagram's stages downwards with the strands side by
    side, to fit a documentation page; `--layout wide` runs them left to right.

    Output goes to standard output. `-o FILE` writes one input's output to FILE; with several
    inputs, `-o DIR` writes one file per input that holds a journey (NAME.dot, .json, .md or
    .txt), keeping the inputs' relative paths. A file with errors produces no output and nothing
    is written for it. Diagnostics go to standard error.

    options:
      --to FORMAT            dot, json, report, text or mermaid (required)
      -o OUT                 a file, or a directory for several inputs
      --layout tall|wide     DOT: stages downwards (default) or left to right
      --ids                  DOT: show each node's identifier under its label
    \(diagnosticOptions)

    \(exitStatus)

    """

    static let explain = """
    usage: cxj explain CODE|NAME

    Explains a diagnostic code (`CXJ204`) or rule name (`delivery-gap`): what it means, why it
    matters to a CX team, and a failing and a fixed example, each checked as it is shown.

    """

    static let rules = """
    usage: cxj rules [--format text|json]

    Lists every code: CXJ001–CXJ111 are errors in the language; CXJ201–CXJ215 are gap rules,
    which can be named by code or name in `allow`, `--allow`, `--warn`, `--deny` and cxj.json.

    options:
      --format FORMAT        text (default) or json

    """

    static let format = """
    usage: cxj fmt [--check | --stdout | --diff] PATH…

    Rewrites .cxj files in canonical form: two-space indentation, one statement per line, short
    property blocks on one line when they fit in 100 columns, at most one blank line between
    statements, comments kept in place, strings re-escaped, numbers as written. Files are
    replaced atomically. A file with syntax errors is reported and never rewritten.

    options:
      --check                list the files that are not formatted; exit 1 if there are any
      --stdout               print the formatted text instead of rewriting
      --diff                 print a unified diff instead of rewriting; exit 1 if there is one
      --diagnostics FORMAT   how to report syntax errors: human (default) or short
      --color WHEN           auto (default), always or never
      --max-file-size SIZE   refuse files larger than SIZE (default 64M)
      -h, --help             show this help

    `-` formats standard input to standard output. Symbolic links, files with several hard links
    and read-only files are refused, never replaced; the mode and owner of a file are kept.

    """

    static let importHelp = """
    usage: cxj import mermaid FILE|- [-o OUT.cxj] [--customer NAME]

    Reads a Mermaid `journey` diagram and writes an equivalent .cxj file, formatted as by
    `cxj fmt`: the title becomes the journey, sections become stages, tasks become customer
    steps with their labels kept and their scores turned into emotions (score − 3). The actor
    on most tasks is the customer and becomes the persona; a task without the customer among
    its actors becomes an organization action owned by a team named after its actor. No
    touchpoint is invented: `cxj check` then shows the gaps the diagram could not.

    options:
      -o FILE                write the .cxj file to FILE (atomically) instead of standard output
      --customer NAME        the actor that is the customer, instead of the most common one
      --diagnostics FORMAT   how to report problems: human (default) or short
      --color WHEN           auto (default), always or never
      -h, --help             show this help

    Problems are CXJ301–CXJ305 (`cxj explain CXJ302`), located in the Mermaid file. With an
    error nothing is written and the exit status is 1.

    """

    static let diffHelp = """
    usage: cxj diff [--to text|markdown|json] [--fail-on CONDITION] [--all] OLD NEW
           cxj diff --git REV [PATH…]

    Compares two versions of journeys: two files, two directories (files matched by path), or
    the work tree with a git revision (read with `git show`; nothing in the repository changes;
    without PATH every tracked .cxj file). It reports elements added, removed, renamed or moved
    between stages; changed values (labels, emotion, claimed and perceived with the delivery gap,
    reach and conversion, owner, channel, layer, automation, critical, self-service); metrics
    before and after; new and resolved findings (still-open ones are counted; `--all` lists
    them); and catalogue changes with the journeys they affect.

    options:
      --to FORMAT            text (default), markdown (for a pull-request comment) or json
      --fail-on CONDITION    exit 1 when the change brings new-errors, new-warnings or
                             coverage-drop (repeatable, or comma-separated)
      --all                  list the findings that are still open
      -h, --help             show this help

    exit status: 0, or 1 when either side has errors or a --fail-on condition holds; 2 for
    usage errors.

    """

    static let doc = """
    usage: cxj doc [options] PATH… -o DIR

    Builds a static documentation site in DIR from the journeys in PATH…: an index of every
    journey (the unhealthiest first), one page per journey with its map, emotion curve,
    touchpoints, the customer's voice and its gap report, a page per source file with line
    anchors that findings link to, catalogue pages (teams, channels, systems, personas) and a
    page per rule. It needs no JavaScript, loads nothing from the network, and works from
    file:// or any static host.

    Files with errors (or whose imports have errors) are left out and listed on the index; the
    exit status is then 1. Pages are written atomically and only when their bytes change; a
    file the previous run wrote (listed in DIR/.cxj-site) and this run does not is removed.
    Nothing else in DIR is touched.

    options:
      -o DIR                 the site's directory (required; created if needed)
      --diagnostics FORMAT   human (default) or short, on standard error
      -h, --help             show this help

    exit status: 0, 1 when an input has errors, 2 for usage errors or when the site cannot be
    written.

    """
}
