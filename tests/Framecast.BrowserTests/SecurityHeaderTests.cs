using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

public sealed class SecurityHeaderTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>Records CSP violations from the first script on; runs through the DevTools protocol, which the CSP does not govern.</summary>
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public Task Pages_forbid_inline_script_and_the_watch_page_breaks_none_of_its_policy() => RunAsync(async () =>
    {
        var seeded = await Fixture.SeededAsync();
        var page = await NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);

        var home = await page.GotoAsync("/");
        var csp = await home!.HeaderValueAsync("content-security-policy");
        csp.Should().NotBeNullOrEmpty("pages carry a Content-Security-Policy");
        var directives = csp!.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(d => d[0].ToLowerInvariant(), d => d.Length > 1 ? d[1] : "");
        var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        scripts.Should().NotBeNull($"the policy restricts scripts ({csp})");
        scripts.Should().NotContain("'unsafe-inline'").And.NotContain("'unsafe-eval'");

        var watch = await page.GotoAsync($"/v/{seeded.VideoId}", new() { WaitUntil = WaitUntilState.NetworkIdle });
        (await watch!.HeaderValueAsync("content-security-policy")).Should().Be(csp, "the watch page has the same policy");
        await Player.AssertPlaysAsync(page);

        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        violations.Should().BeEmpty("the watch page's scripts, styles and media all fit the policy");
        ConsoleErrors.Where(line => Regex.IsMatch(line, "Content Security Policy|Refused to", RegexOptions.IgnoreCase))
            .Should().BeEmpty("the console shows no CSP violation");
    });
}
