using Framecast.Tests.Support;

namespace Framecast.BrowserTests.Support;

/// <summary>
/// Once per run: the real server on a temp data folder, the test clips, axe-core from npm and one headless Debian
/// Chromium. Tests make a new browser context each (separate cookies and storage: separate users).
/// </summary>
public sealed class FramecastFixture : IAsyncLifetime
{
    /// <summary>The machine's network is closed and a downloaded browser build cannot be had: Debian's Chromium it is.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string AxeDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "axe"));
    private readonly string tempDirectory = Path.Combine(Path.GetTempPath(), $"framecast-browser-{Guid.NewGuid():N}");
    private Lazy<Task<SeededVideo>>? seeded;
    private Lazy<Task<AdminApi>>? admin;
    private FramecastServer? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public FramecastServer Server => server ?? throw NotStarted();

    public IBrowser Browser => browser ?? throw NotStarted();

    public Uri Address => Server.Address;

    public string ShortClip { get; private set; } = "";

    public string BigClip { get; private set; } = "";

    public string AxeScript => Path.Combine(AxeDirectory, "node_modules", "axe-core", "axe.min.js");

    public string ScreenshotsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>A public, ready video made once through the API, for the tests that only look at pages.</summary>
    public Task<SeededVideo> SeededAsync() => seeded!.Value;

    /// <summary>The server's data folder (its SQLite database), for the command line next to it.</summary>
    public string DataDirectory => Path.Combine(tempDirectory, "data");

    /// <summary>An administrator made once with <c>framecast users create --admin</c>, for grants and vouchers.</summary>
    public Task<AdminApi> AdminAsync() => admin!.Value;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(tempDirectory);
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: without this the server and Chromium outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
        try
        {
            Directory.Delete(tempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file the killed server still held: the OS temp cleaner gets it; failing the run for it would be wrong.
        }
    }

    private async Task StartAsync()
    {
        var clips = Path.Combine(tempDirectory, "clips");
        var starting = FramecastServer.StartAsync(DataDirectory);
        var shortClip = TestClips.ShortAsync(clips);
        var bigClip = TestClips.BigAsync(clips);
        var axe = InstallAxeAsync();
        try
        {
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
            });
        }
        finally
        {
            // Whatever the browser did, the server must be awaited so a failed start still kills it.
            server = await starting;
        }
        ShortClip = await shortClip;
        BigClip = await bigClip;
        await axe;
        seeded = new(() => ApiSeeder.SeedAsync(Address, TestClips.UniqueCopy(ShortClip, "seed")));
        admin = new(() => AdminApi.CreateAsync(Address, DataDirectory));
    }

    /// <summary>Like the tus-js-client tests: npm ci once when a fresh clone has no node_modules.</summary>
    private async Task InstallAxeAsync()
    {
        if (!File.Exists(AxeScript))
        {
            await ToolRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], AxeDirectory);
        }
    }

    private static InvalidOperationException NotStarted() => new("The fixture has not started yet.");
}
