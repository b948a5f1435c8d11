namespace Framecast.BrowserTests.Support;

/// <summary>Full-page screenshots at a desktop and a phone width, for people to look at.</summary>
public static class Screenshots
{
    public static readonly int[] Widths = [1280, 375];
    private static int announced;

    /// <summary>
    /// Saves <c>NAME-1280.png</c> and <c>NAME-375.png</c> under <paramref name="directory"/> and returns the page's
    /// <c>scrollWidth</c> at each width (a page wider than its viewport scrolls sideways). Leaves the viewport at the
    /// last width.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, int>> CaptureAsync(IPage page, string name, string directory, Action<string> log)
    {
        Directory.CreateDirectory(directory);
        if (Interlocked.Exchange(ref announced, 1) == 0)
        {
            log($"Screenshots: {directory}");
            Console.WriteLine($"Screenshots: {directory}");
        }
        var scrollWidths = new Dictionary<int, int>();
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 800);
            // A relayout is not a load: wait for the fonts so text metrics (and scrollWidth) are final.
            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{name}-{width}.png"), FullPage = true });
            scrollWidths[width] = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        }
        return scrollWidths;
    }
}
