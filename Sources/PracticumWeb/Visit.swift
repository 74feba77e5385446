import Foundation
import PracticumHTTP

/// One request as the routes see it: the interface language, the browser's sign-in (from its cookie, checked
/// against the server's map), the form (for a POST), and the cookies to set on the response.
struct Visit {
    let request: HTTPRequest
    let peer: String
    unowned let app: WebApp
    /// The interface language: `?lang=`, else the language cookie, else Accept-Language, else the default.
    let language: String
    var strings: WebStrings { WebStrings(language: language) }
    /// The browser, when its cookie names one the server knows.
    var browser: BrowserSessions.Browser?
    /// The POST's form fields.
    var form: [(name: String, value: String)] = []
    var setCookies: [String] = []

    init(request: HTTPRequest, peer: String, app: WebApp) {
        self.request = request
        self.peer = peer
        self.app = app
        let cookies = request.cookies
        var chosen: String?
        if let asked = request.queryValue("lang"), WebStrings.languages.contains(asked) {
            chosen = asked
            setCookies.append(
                "\(WebApp.languageCookie)=\(asked); Path=/; Max-Age=31536000; SameSite=Strict"
                    + (app.configuration.secureCookies ? "; Secure" : ""))
        } else if let saved = cookies[WebApp.languageCookie], WebStrings.languages.contains(saved) {
            chosen = saved
        } else if let accepted = request.header("accept-language") {
            chosen = Self.preferred(acceptLanguage: accepted)
        }
        language = chosen ?? (WebStrings.languages.contains(app.configuration.defaultLanguage) ? app.configuration.defaultLanguage : "en")
        let now = app.configuration.now()
        let token = cookies[WebApp.sessionCookie]
        browser = app.locked { app.browsers.browser(token: token, now: now) }
    }

    /// The first of English and Indonesian that an Accept-Language header names, by its weights.
    static func preferred(acceptLanguage: String) -> String? {
        var best: (language: String, weight: Double)?
        for item in acceptLanguage.split(separator: ",") {
            let pieces = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased() else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            let code = primary == "in" ? "id" : primary
            guard WebStrings.languages.contains(code) else { continue }
            var weight = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") { weight = Double(piece.dropFirst(2)) ?? 0 }
            if weight > 0, best == nil || weight > best!.weight { best = (code, weight) }
        }
        return best?.language
    }

    /// The student signed in on this browser, from the server's map (never from the request itself).
    var student: String? { browser?.student }

    /// The form field with this name.
    func field(_ name: String) -> String? {
        form.first { $0.name == name }?.value
    }

    /// The browser, made (not signed in) if it has none: a page with a form needs its CSRF token.
    mutating func ensureBrowser() -> BrowserSessions.Browser {
        if let browser { return browser }
        let now = app.configuration.now()
        let made = app.locked { app.browsers.add(student: nil, now: now) }
        setCookies.append(app.sessionCookie(token: made.token))
        browser = made
        return made
    }

    /// Sets the notice the next page shows in its status region.
    func notify(_ key: String, _ arguments: [String: String] = [:], isError: Bool = false) {
        guard let token = browser?.token else { return }
        let text = strings(key, arguments)
        app.locked { app.browsers.setNotice(text, isError: isError, token: token) }
    }

    /// The waiting notice, taken.
    func takeNotice() -> (text: String, isError: Bool)? {
        guard let token = browser?.token else { return nil }
        return app.locked { app.browsers.takeNotice(token: token) }
    }

    /// The hidden CSRF field for a form of this browser.
    var csrfField: Markup {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(browser?.csrf ?? "")\">"
    }
}

extension WebApp {
    /// The session cookie's header value for a token.
    func sessionCookie(token: String) -> String {
        "\(Self.sessionCookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(configuration.signInLifetime))"
            + (configuration.secureCookies ? "; Secure" : "")
    }

    /// The header value that removes the session cookie.
    func expiredSessionCookie() -> String {
        "\(Self.sessionCookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (configuration.secureCookies ? "; Secure" : "")
    }
}

/// The frame of every page: language, skip link, header (who is signed in, sign-out), the status region for
/// what just happened, the main content, the language links.
enum Layout {
    /// The viewport every page declares: the device's width, so a phone shows one readable column.
    static let viewport = "width=device-width, initial-scale=1"

    static func page(visit: inout Visit, title: String, body: Markup) -> Markup {
        let strings = visit.strings
        let notice = visit.takeNotice()
        var account: Markup = ""
        if let student = visit.student {
            account = """
                <div class="account"><span>\(strings("signedIn", ["student": student]))</span>
                <form class="inline" method="post" action="/signout">\(visit.csrfField)<button class="secondary" type="submit">\(strings("signout"))</button></form></div>
                """
        }
        let path = visit.request.path
        let links = WebStrings.languages.map { code -> Markup in
            let name = WebStrings.languageNames[code] ?? code
            return code == visit.language
                ? "<a href=\"\(path)?lang=\(code)\" lang=\"\(code)\" aria-current=\"true\">\(name)</a>"
                : "<a href=\"\(path)?lang=\(code)\" lang=\"\(code)\">\(name)</a>"
        }
        let status: Markup = notice.map { notice in
            notice.isError ? "<p class=\"error\">\(notice.text)</p>" : "<p>\(notice.text)</p>"
        } ?? ""
        return """
            <!doctype html>
            <html lang="\(visit.language)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="\(viewport)">
            <title>\(title) · \(strings("site.name"))</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            </head>
            <body>
            <a class="skip" href="#main">\(strings("skip"))</a>
            <header class="site"><a class="name" href="/">\(strings("site.name"))</a>\(account)</header>
            <main id="main" tabindex="-1">
            <div class="status" role="status" aria-live="polite">\(status)</div>
            \(body)
            </main>
            <footer class="site"><nav class="lang" aria-label="\(strings("language"))">\(strings("language")):\(links)</nav></footer>
            </body>
            </html>

            """
    }
}
