using System.Text.Json;

namespace Framecast.BrowserTests.Support;

/// <summary>Runs axe-core (npm) in the page and fails on every "serious" or "critical" violation.</summary>
public static class Axe
{
    private const string Run = """
        async () => {
          const results = await axe.run(document, { resultTypes: ['violations'] });
          return results.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
        }
        """;

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string axeScript)
    {
        await page.AddScriptTagAsync(new() { Path = axeScript });
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            throw new InvalidOperationException("axe-core did not load: the page's CSP refused the script tag (open the page with bypassCsp).");
        }
        var violations = await page.EvaluateAsync<JsonElement>(Run);
        var lines = violations.EnumerateArray().Select(v =>
            $"- {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}\n    at "
            + string.Join("\n    at ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))).ToList();
        lines.Should().BeEmpty($"axe found serious or critical violations on {page.Url}:\n{string.Join('\n', lines)}\n");
    }
}
