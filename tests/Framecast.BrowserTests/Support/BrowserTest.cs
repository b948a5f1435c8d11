using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Abstractions;

namespace Framecast.BrowserTests.Support;

/// <summary>
/// Base of every browser test: new contexts per test (a context is a user: its own cookies and localStorage), console
/// messages kept, and failures that say what the browser and the server were doing.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(FramecastFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>For one page load or click; processing has its own, longer bound (<see cref="Processing"/>).</summary>
    protected static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    /// <summary>Upload to "Ready" of a 4 s clip on two busy cores: seconds normally, a minute at worst.</summary>
    protected static readonly TimeSpan Processing = TimeSpan.FromSeconds(60);

    private readonly List<IBrowserContext> contexts = [];
    private readonly List<string> console = [];

    protected FramecastFixture Fixture { get; } = fixture;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>Console errors and page errors seen so far, across this test's pages.</summary>
    protected IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (console)
            {
                return console.Where(line => line.StartsWith("error", StringComparison.Ordinal) || line.StartsWith("pageerror", StringComparison.Ordinal)).ToList();
            }
        }
    }

    /// <summary>Playwright's timeouts are float milliseconds.</summary>
    protected static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;

    public Task InitializeAsync()
    {
        SetDefaultExpectTimeout((float)Step.TotalMilliseconds);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// A page in a new context (a new, signed-out user). <paramref name="bypassCsp"/> only for axe, whose script tag
    /// the page's CSP would rightly refuse.
    /// </summary>
    protected async Task<IPage> NewPageAsync(bool bypassCsp = false, int width = 1280)
    {
        var context = await Fixture.Browser.NewContextAsync(new()
        {
            BaseURL = Fixture.Address.ToString(),
            ViewportSize = new() { Width = width, Height = 800 },
            BypassCSP = bypassCsp,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout((float)Step.TotalMilliseconds);
        contexts.Add(context);
        var page = await context.NewPageAsync();
        var tag = $"page {contexts.Count}";
        page.Console += (_, message) => Keep($"{message.Type} ({tag}, {page.Url}): {message.Text}");
        page.PageError += (_, error) => Keep($"pageerror ({tag}, {page.Url}): {error}");
        return page;
    }

    /// <summary>
    /// Runs the test's steps; a failure is rethrown with the open pages' URLs, the browser console, the server's
    /// last output lines and a screenshot of each page.
    /// </summary>
    protected async Task RunAsync(Func<Task> scenario, [CallerMemberName] string name = "")
    {
        try
        {
            await scenario();
        }
        catch (Exception e)
        {
            throw new BrowserTestFailure(await DescribeAsync(name), e);
        }
    }

    private async Task<string> DescribeAsync(string name)
    {
        var text = new StringBuilder();
        var failures = Path.Combine(Fixture.ScreenshotsDirectory, "failures");
        Directory.CreateDirectory(failures);
        var n = 0;
        foreach (var page in contexts.SelectMany(c => c.Pages))
        {
            n++;
            var shot = Path.Combine(failures, $"{name}-{n}.png");
            try
            {
                await page.ScreenshotAsync(new() { Path = shot, FullPage = true, Timeout = 5000 });
                text.AppendLine($"page {n}: {page.Url} (screenshot {shot})");
            }
            catch (PlaywrightException e)
            {
                text.AppendLine($"page {n}: {page.Url} (no screenshot: {e.Message.Split('\n')[0]})");
            }
        }
        lock (console)
        {
            text.AppendLine("browser console:").AppendLine(console.Count == 0 ? "(empty)" : string.Join('\n', console.TakeLast(40)));
        }
        text.AppendLine("server output (last lines):").AppendLine(Fixture.Server.OutputTail());
        return text.ToString();
    }

    private void Keep(string line)
    {
        lock (console)
        {
            console.Add(line);
        }
    }
}
