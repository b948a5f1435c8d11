namespace Framecast.BrowserTests.Support;

/// <summary>
/// Slows one page's uploads down with Chromium's own network emulation: loopback is too fast to pause, edit or look
/// elsewhere while the bytes are still going up.
/// </summary>
public sealed class UploadThrottle(ICDPSession cdp)
{
    public static async Task<UploadThrottle> StartAsync(IPage page, double bytesPerSecond)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        var throttle = new UploadThrottle(cdp);
        await throttle.SetAsync(bytesPerSecond);
        return throttle;
    }

    public Task LiftAsync() => SetAsync(-1);

    private Task SetAsync(double bytesPerSecond) =>
        cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 0,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = bytesPerSecond,
        });
}
