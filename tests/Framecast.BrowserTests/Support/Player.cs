namespace Framecast.BrowserTests.Support;

/// <summary>Checks on the watch page's <c>&lt;video id=player&gt;</c>.</summary>
public static class Player
{
    /// <summary>
    /// Muted (so autoplay rules allow <c>play()</c>), it plays: <c>currentTime</c> advances, frames have a size and
    /// the element reports no error.
    /// </summary>
    public static async Task AssertPlaysAsync(IPage page)
    {
        var video = page.Locator("video#player");
        await Expect(video).ToBeVisibleAsync();
        // The player (js/player) picks hls.js, native HLS or the MP4 and sets the source itself; wait for it before playing.
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('video#player'); return v && (v.currentSrc || v.src); }");
        await video.EvaluateAsync("v => { v.muted = true; return v.play(); }");
        await page.WaitForFunctionAsync("() => document.querySelector('video#player').currentTime > 0.5", null, new() { Timeout = 20_000 });
        (await video.EvaluateAsync<int>("v => v.videoWidth")).Should().BeGreaterThan(0, "frames were decoded");
        (await video.EvaluateAsync<bool>("v => v.error === null")).Should().BeTrue("the player reports no media error");
    }
}
