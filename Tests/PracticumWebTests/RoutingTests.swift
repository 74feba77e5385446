import Foundation
import PracticumHTTP
import Testing

@testable import PracticumWeb

/// The skeleton: routes, the stylesheet, the security headers on every response, 404 and 405.
@Suite("Web app: routes, headers, stylesheet, 404 and 405")
struct RoutingTests {
    @Test func everyResponseCarriesTheSecurityHeadersAndPagesAreNotCached() throws {
        let fixture = try WebFixture.makeSession()
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
        let browser = Browser(app)
        for response in [browser.get("/signin"), browser.get("/"), browser.get("/nowhere"), browser.send("DELETE", "/signin"),
            browser.get("/style.css"), browser.send("POST", "/signin", form: [])]
        {
            #expect(response.header("Content-Security-Policy")
                == "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("Referrer-Policy") == "no-referrer")
            #expect(response.header("Cache-Control") != nil)
        }
        #expect(browser.get("/signin").header("Cache-Control") == "no-store")
    }

    @Test func theStylesheetIsCompiledInAndPagesUseNoInlineStyleOrScript() throws {
        let fixture = try WebFixture.makeSession()
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
        let browser = Browser(app)
        let css = browser.get("/style.css")
        #expect(css.status == 200 && css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(css.text == Stylesheet.css)
        let page = browser.get("/signin").text
        #expect(page.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
        #expect(page.contains("<link rel=\"stylesheet\" href=\"/style.css\">"))
        #expect(!page.contains("<script") && !page.contains("<style") && !page.contains("style=\""))
        // The icon is compiled in and linked, so no browser asks for a /favicon.ico that would be a 404.
        #expect(page.contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"))
        let icon = browser.get("/favicon.svg")
        #expect(icon.status == 200 && icon.header("Content-Type") == "image/svg+xml" && icon.text == Stylesheet.icon)
        #expect(icon.text.hasPrefix("<svg ") && !icon.text.contains("<script"))
        #expect(page.contains("class=\"skip\" href=\"#main\"") && page.contains("role=\"status\" aria-live=\"polite\""))
    }

    @Test func unknownPathsAre404AndWrongMethods405WithAllow() throws {
        let fixture = try WebFixture.makeSession()
        let app = WebFixture.app(folder: fixture.folder, session: fixture.session, roster: fixture.roster, scenario: fixture.scenario)
        let browser = Browser(app)
        #expect(browser.get("/nowhere").status == 404)
        #expect(browser.get("/cases/x/y/z").status == 404)
        #expect(browser.get("/../session.json").status == 404)
        let wrong = browser.send("PUT", "/signin")
        #expect(wrong.status == 405 && wrong.header("Allow") == "GET, POST")
        #expect(browser.get("/signout").status == 405)
        #expect(browser.send("POST", "/style.css").status == 405)
        let head = browser.send("HEAD", "/signin")
        #expect(head.status == 200 && head.body.isEmpty && head.header("Content-Type") == "text/html; charset=utf-8")
    }
}
