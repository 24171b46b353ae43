/// The site's one style sheet: light and dark themes by `prefers-color-scheme`, a print style,
/// and the journey map's grid. No web fonts and nothing loaded from the network.
enum SiteStyle {
    static let css = """
    :root {
      --text: #1f2328; --muted: #59636e; --back: #ffffff; --panel: #f6f8fa; --line: #d1d9e0; --link: #0550ae;
      --bad: #b42318; --bad-back: #fef3f2; --good: #1a7f37; --critical: #6639ba;
      --front: #dbe4ff; --backstage: #e9ecef; --support: #f8f9fa; --touch: #fff8e6;
      --e-3: #d73027; --e-2: #fc8d59; --e-1: #fee08b; --e0: #ffffbf; --e1: #d9ef8b; --e2: #91cf60; --e3: #1a9850;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e6edf3; --muted: #9198a1; --back: #0d1117; --panel: #151b23; --line: #3d444d; --link: #6cb6ff;
        --bad: #ff8182; --bad-back: #3c1618; --good: #57ab5a; --critical: #d2a8ff;
        --front: #1c2a4a; --backstage: #262c36; --support: #1b2129; --touch: #332b12;
      }
    }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Noto Sans Thai", sans-serif;
      color: var(--text); background: var(--back); }
    main { max-width: 80rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
    a { color: var(--link); }
    code { font: 0.875em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--panel);
      padding: 0.1em 0.3em; border-radius: 4px; }
    pre { background: var(--panel); padding: 0.75rem 1rem; overflow-x: auto; border-radius: 6px; line-height: 1.35; }
    h1 { font-size: 1.9rem; margin: 0.5rem 0; }
    h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
    h3 { font-size: 1.1rem; margin-top: 1.5rem; }
    .skip { position: absolute; left: -999px; }
    .skip:focus { left: 1rem; top: 1rem; background: var(--back); padding: 0.5rem; z-index: 2; }
    header.site { background: var(--panel); border-bottom: 1px solid var(--line); }
    header.site ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none; margin: 0 auto; padding: 0.6rem 1.5rem;
      max-width: 80rem; }
    header.site a[aria-current] { font-weight: 700; color: var(--text); text-decoration: none; }
    footer.site { color: var(--muted); font-size: 0.85rem; text-align: center; padding: 2rem 1rem; }
    .facts { color: var(--muted); }
    .toc ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; padding: 0; }
    .table { overflow-x: auto; }
    table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.92rem; }
    th, td { border: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
    th { background: var(--panel); }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .bad { color: var(--bad); font-weight: 600; }
    .good { color: var(--good); }
    .sev-error { color: var(--bad); font-weight: 700; }
    .sev-warning { color: var(--bad); }
    q { font-style: italic; }

    /* The journey map: stages are columns, one per step; the strands are rows. */
    .voice-toggle { margin: 0.5rem 0.4rem 0.5rem 0; }
    .map-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; background: var(--back); }
    .map { display: grid; grid-auto-rows: auto; column-gap: 0; row-gap: 0.35rem; padding: 0.5rem; }
    .map > div { min-width: 0; }
    .lane { font-weight: 700; font-size: 0.85rem; color: var(--muted); padding: 0.4rem 0.5rem 0 0; position: sticky; left: 0;
      background: var(--back); z-index: 1; }
    .stage { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; margin: 0 0.25rem; padding: 0.3rem 0.5rem; }
    .stage h3 { font-size: 0.95rem; margin: 0; }
    .stage p { margin: 0; font-size: 0.78rem; color: var(--muted); }
    .cell { padding: 0 0.25rem; display: flex; flex-direction: column; gap: 0.3rem; }
    .card { border: 1px solid var(--line); border-radius: 6px; padding: 0.3rem 0.45rem; font-size: 0.84rem; line-height: 1.3;
      background: var(--panel); color: #1f2328; }
    .card .meta { display: block; font-size: 0.74rem; opacity: 0.85; }
    .step { border-width: 1px; }
    .step.critical { outline: 3px double var(--critical); outline-offset: 1px; }
    .step.unanswered, .action.orphan { border: 2px dashed var(--bad); }
    .e-3 { background: var(--e-3); color: #fff; } .e-2 { background: var(--e-2); } .e-1 { background: var(--e-1); }
    .e0 { background: var(--e0); } .e1 { background: var(--e1); } .e2 { background: var(--e2); } .e3 { background: var(--e3); color: #fff; }
    .enone { background: var(--panel); color: var(--text); }
    .action.frontstage { background: var(--front); color: var(--text); }
    .action.backstage { background: var(--backstage); color: var(--text); }
    .action.support { background: var(--support); color: var(--text); }
    .touchpoint { background: var(--touch); color: var(--text); border-style: solid; }
    .touchpoint.gap { border: 2px solid var(--bad); background: var(--bad-back); }
    .flag { display: block; font-weight: 700; font-size: 0.74rem; }
    .line-of { border-top: 2px dashed var(--line); font-size: 0.7rem; color: var(--muted); text-align: right; padding: 0 0.3rem; }
    .curve svg { display: block; width: 100%; height: 5.5rem; }
    .curve .axis { stroke: var(--line); stroke-dasharray: 4 4; }
    .curve .path { stroke: var(--text); fill: none; stroke-width: 2; }
    .curve .dot { stroke-width: 9; stroke-linecap: round; }
    .voice { display: none; margin-top: 0.3rem; font-size: 0.78rem; }
    .voice dt { font-weight: 700; }
    .voice dd { margin: 0 0 0.2rem 0; }
    .voice-toggle:checked ~ .map-scroll .voice { display: block; }

    /* The source view. */
    .source { counter-reset: none; padding: 0.5rem 0; }
    .source .line { display: block; white-space: pre; padding: 0 1rem 0 0; }
    .source .line:target { background: var(--bad-back); }
    .source .ln { display: inline-block; width: 3.5rem; text-align: right; padding-right: 1rem; color: var(--muted); text-decoration: none; }

    @media print {
      header.site, .voice-toggle, .voice-label, .skip { display: none; }
      .voice { display: block; }
      .map-scroll { overflow: visible; border: none; }
      .lane { position: static; }
      .card, tr, .stage { break-inside: avoid; }
      a { color: inherit; }
      body { font-size: 11pt; }
    }
    """
}
