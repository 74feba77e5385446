/// The one stylesheet of every page, compiled in and served at `/style.css` (no file is read for it).
///
/// Dark text on light backgrounds, every pair at WCAG AA contrast or better (the tests compute the ratios of
/// `Stylesheet.colourPairs`); one column that fits a 360-pixel screen; 17-pixel text; buttons and choices at
/// least 44 pixels tall; a visible focus ring on everything that takes focus.
enum Stylesheet {
    static let text = "#1a1a1a"
    static let background = "#ffffff"
    static let muted = "#4a4a4a"
    static let link = "#0b4f8a"
    static let buttonText = "#ffffff"
    static let button = "#0b4f8a"
    static let panel = "#f1f4f8"
    static let status = "#e8f3ea"
    static let error = "#9b1c1c"
    static let errorPanel = "#fdecec"
    static let focus = "#b34700"

    /// The pairs of (foreground, background) the sheet puts together, with the contrast each needs: 4.5 for
    /// text, 3 for the focus ring against the page.
    static let colourPairs: [(name: String, foreground: String, background: String, needs: Double)] = [
        ("text", text, background, 4.5), ("muted text", muted, background, 4.5), ("links", link, background, 4.5),
        ("text on panels", text, panel, 4.5), ("links on panels", link, panel, 4.5),
        ("button labels", buttonText, button, 4.5), ("status text", text, status, 4.5),
        ("errors", error, errorPanel, 4.5), ("focus ring", focus, background, 3), ("focus ring on panels", focus, panel, 3),
    ]

    /// The site's icon, compiled in and served at `/favicon.svg` (pages link to it, so browsers do not ask for a
    /// `/favicon.ico` that is not there and log a 404 on every page): a white "P" on the link colour.
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="\(link)"/>\
        <path d="M11 25V7h6.5a5.5 5.5 0 0 1 0 11H11" fill="none" stroke="\(buttonText)" stroke-width="3.5"/></svg>
        """

    static let css = """
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
          font-size: 1.0625rem; line-height: 1.55; color: \(text); background: \(background); }
        .skip { position: absolute; left: -999px; top: 0; background: \(background); color: \(link); padding: .5rem 1rem; }
        .skip:focus { left: .5rem; top: .5rem; z-index: 10; }
        header.site, footer.site { padding: .75rem 1rem; background: \(panel); }
        header.site { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
        header.site .name { font-weight: 700; color: \(text); text-decoration: none; }
        header.site .account { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
        footer.site { margin-top: 2rem; font-size: 1rem; color: \(text); }
        main { display: block; max-width: 42rem; margin: 0 auto; padding: 1rem; overflow-wrap: anywhere; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0 1rem; }
        h2 { font-size: 1.3rem; line-height: 1.3; margin: 1.5rem 0 .5rem; }
        h3 { font-size: 1.125rem; margin: 1.25rem 0 .5rem; }
        p, li { max-width: 40rem; }
        a { color: \(link); text-decoration: underline; }
        .muted { color: \(muted); }
        a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible, summary:focus-visible {
          outline: 3px solid \(focus); outline-offset: 2px; }
        label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
        input[type=text], input[type=password], textarea { width: 100%; font: inherit; padding: .6rem;
          border: 2px solid \(muted); border-radius: 4px; background: \(background); color: \(text); min-height: 44px; }
        textarea { min-height: 7rem; }
        button, .button { display: inline-block; font: inherit; font-weight: 600; min-height: 44px; padding: .6rem 1.1rem;
          border: 2px solid \(button); border-radius: 6px; background: \(button); color: \(buttonText); cursor: pointer;
          text-decoration: none; margin: .25rem 0; }
        button.secondary, .button.secondary { background: \(background); color: \(link); }
        form.inline { display: inline; }
        .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
        fieldset { border: 0; padding: 0; margin: 1rem 0; min-width: 0; }
        legend { font-weight: 700; font-size: 1.125rem; margin-bottom: .5rem; padding: 0; }
        legend h2 { margin: .5rem 0 0; }
        ol.choices { list-style: none; padding: 0; margin: 0; }
        ol.choices li { margin: .5rem 0; }
        ol.choices button { display: block; width: 100%; text-align: left; background: \(panel); color: \(text);
          border: 2px solid \(link); font-weight: 400; }
        .panel { background: \(panel); padding: .75rem 1rem; border-radius: 6px; margin: 1rem 0; }
        .panel > :first-child { margin-top: 0; }
        .panel > :last-child { margin-bottom: 0; }
        .panel h2 { font-size: 1.125rem; }
        .status { background: \(status); padding: .75rem 1rem; border-radius: 6px; margin: 0 0 1rem; }
        .status:empty { display: none; }
        .status > p { margin: 0; }
        .status > p.error { margin: -.75rem -1rem; }
        .error { background: \(errorPanel); color: \(error); padding: .75rem 1rem; border-radius: 6px; margin: 1rem 0; }
        .warning { border-left: 6px solid \(focus); padding-left: 1rem; }
        ul.cases { list-style: none; padding: 0; }
        ul.cases li { margin: .75rem 0; padding: .75rem 1rem; background: \(panel); border-radius: 6px; }
        ul.cases h2 { margin: 0; }
        ul.cases h2 a { display: block; min-height: 44px; padding: .35rem 0; }
        ul.cases p { margin: .25rem 0 0; }
        nav.lang a { margin-left: .5rem; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; font-weight: 600; padding: .5rem 0; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid \(muted); overflow-wrap: normal; }
        td ul, td p { margin: 0; }
        table.scores { width: auto; min-width: 16rem; }
        table.scores td { padding-left: 2rem; text-align: right; }
        main ul { padding-left: 1.25rem; }
        h3 + ul > li + li, section > ul > li + li { margin-top: .5rem; }
        .table-box { overflow-x: auto; }
        main:has(.table-box) { max-width: 72rem; }
        @media (max-width: 40rem) {
          table.stacked thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
          table.stacked, table.stacked caption, table.stacked tbody, table.stacked tr, table.stacked th, table.stacked td {
            display: block; width: 100%; }
          table.stacked tr { border: 1px solid \(muted); border-radius: 6px; margin: 0 0 .75rem; padding: .5rem .75rem; }
          table.stacked th, table.stacked td { border: 0; padding: .15rem 0; overflow-wrap: anywhere; }
          table.stacked td:empty { display: none; }
          table.stacked td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
        }
        @media (min-width: 48rem) { body { font-size: 1.125rem; } main { padding: 1.5rem; } }
        """
}
