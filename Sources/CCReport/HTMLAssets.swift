/// The report page's own style and script, inline so the file opens from disk with no network.
enum HTMLAssets {
    static let css = """
        :root { --ok: #2e9e5b; --rejected: #d99a00; --failed: #d64545; --timeout: #8e5bd6; --killed: #6b7280;
          --budget: #c2410c; --running: #3b82f6; --open: #94a3b8; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0;
          padding: 24px 32px 48px; max-width: 1200px; margin-inline: auto; background: #fafafa; }
        h1 { margin: 0 0 4px; font-size: 24px; } h2 { margin: 28px 0 10px; font-size: 18px;
          border-bottom: 1px solid var(--line); padding-bottom: 4px; } h3 { margin: 18px 0 6px; font-size: 15px; }
        h4 { margin: 12px 0 4px; font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .goal { font-size: 16px; margin: 0 0 12px; white-space: pre-wrap; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 6px 0; }
        dl.summary { grid-template-columns: repeat(4, max-content auto); background: #fff; border: 1px solid var(--line);
          border-radius: 8px; padding: 10px 14px; }
        dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
        code, pre { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, monospace; }
        pre { background: #f3f4f6; padding: 10px; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere;
          max-height: 480px; overflow: auto; }
        table.grid { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0; }
        table.grid th, table.grid td { border: 1px solid var(--line); padding: 4px 8px; text-align: left;
          vertical-align: top; overflow-wrap: anywhere; }
        table.grid th { background: #f3f4f6; font-weight: 600; white-space: nowrap; }
        table.grid td .badge, table.grid td code, .n { white-space: nowrap; }
        table.grid.wrap td code { white-space: normal; word-break: break-all; }
        table.grid td a.run-link { font: 12px ui-monospace, "SFMono-Regular", Menlo, monospace; word-break: break-all; }
        .badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; color: #fff;
          background: var(--killed); white-space: nowrap; }
        .outcome-succeeded, .task-resolved { --c: var(--ok); } .outcome-rejected { --c: var(--rejected); }
        .outcome-failed, .task-failed, .severity-error { --c: var(--failed); } .outcome-timed_out { --c: var(--timeout); }
        .outcome-killed { --c: var(--killed); } .outcome-budget_exceeded { --c: var(--budget); }
        .outcome-running, .task-in_progress { --c: var(--running); } .task-open { --c: var(--open); }
        .severity-warning, .warn { --c: var(--rejected); }
        .badge[class*="outcome-"], .badge[class*="task-"], .badge[class*="severity-"], .badge.warn { background: var(--c); }
        .legend .badge { margin-right: 6px; }
        svg.timeline { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
        svg .bar { fill: var(--c); stroke: rgba(0,0,0,.25); }
        svg .bar.retry { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 4 2; }
        svg .run-link:hover .bar, svg .run-link:focus .bar { stroke: var(--ink); stroke-width: 2.5; }
        svg .bar-label { fill: #fff; font-size: 11px; font-weight: 600; pointer-events: none; }
        svg .lane-label { font-size: 12px; font-weight: 600; fill: var(--ink); }
        svg .lane-rule { stroke: var(--line); } svg .tick { stroke: #f1f5f9; }
        svg .tick-label { font-size: 10px; fill: var(--muted); }
        .scroll { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
        svg.task-graph { display: block; max-width: none; }
        svg .task-box { fill: var(--c); stroke: rgba(0,0,0,.2); } svg .task-link:hover .task-box { stroke: var(--ink); stroke-width: 2; }
        svg .task-label { font-size: 12px; font-weight: 600; fill: #fff; }
        svg .task-status { font-size: 11px; fill: rgba(255,255,255,.9); }
        svg .edge { fill: none; stroke: #64748b; stroke-width: 1.5; } svg .arrow-head { fill: #64748b; }
        section.task { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--c, var(--open));
          border-radius: 8px; padding: 4px 14px 10px; margin: 12px 0; }
        .facts, .muted { color: var(--muted); margin: 2px 0 6px; }
        details { margin: 6px 0; } summary { cursor: pointer; }
        details.run { border: 1px solid var(--line); border-left: 4px solid var(--c); border-radius: 6px; padding: 4px 10px; }
        details.run[open] { background: #fcfcfd; }
        details.run:target, details.run.flash { box-shadow: 0 0 0 3px rgba(59,130,246,.35); }
        .warning { color: #92400e; } ul.warnings { padding-left: 18px; }
        footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
        """

    /// Opens the details a bar or link points at (and its enclosing task), then scrolls to it.
    static let script = """
        (function () {
          function openRun(id) {
            var target = document.getElementById(id);
            if (!target) { return; }
            for (var node = target; node; node = node.parentElement) {
              if (node.tagName === "DETAILS") { node.open = true; }
            }
            target.classList.add("flash");
            setTimeout(function () { target.classList.remove("flash"); }, 1200);
            target.scrollIntoView({ block: "start" });
          }
          document.addEventListener("click", function (event) {
            var link = event.target.closest ? event.target.closest("a.run-link") : null;
            if (!link) { return; }
            event.preventDefault();
            var id = link.getAttribute("data-run");
            history.replaceState(null, "", "#" + id);
            openRun(id);
          });
          if (location.hash.indexOf("#run-") === 0) { openRun(location.hash.slice(1)); }
        })();
        """
}
