using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>Someone who cannot use a mouse can pick a file, see where the focus is, upload and go to the video.</summary>
public sealed class KeyboardUploadTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    /// <summary>
    /// True when the focused element, or the label standing in for a visually hidden file input, draws a focus
    /// indicator (outline or box-shadow) while matching <c>:focus-visible</c>.
    /// </summary>
    private const string FocusIsVisible = """
        () => {
          const el = document.activeElement;
          if (!el || !el.matches(':focus-visible')) return false;
          const shows = e => {
            const s = getComputedStyle(e);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            return outline || (s.boxShadow && s.boxShadow !== 'none');
          };
          return shows(el) || [...(el.labels || [])].some(shows);
        }
        """;

    [Fact]
    public Task A_video_is_uploaded_and_watched_with_the_keyboard_alone() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await Site.RegisterAsync(page, "keys");
        var file = TestClips.UniqueCopy(Fixture.ShortClip, "keys");
        await page.GotoAsync("/upload");

        await TabToAsync(page, "() => document.activeElement && document.activeElement.id === 'files'", "the file input (#files, \"Choose video files\")");
        (await page.EvaluateAsync<bool>(FocusIsVisible)).Should().BeTrue("the focused file picker shows a visible focus indicator");

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(file);
        var video = await Site.WaitUntilReadyAsync(page, file, Processing);

        await TabToAsync(page, "() => document.activeElement && document.activeElement.textContent.trim() === 'Watch'", "the \"Watch\" link");
        (await page.EvaluateAsync<bool>(FocusIsVisible)).Should().BeTrue("the focused \"Watch\" link shows a visible focus indicator");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = video.Title, Level = 1 })).ToBeVisibleAsync();
    });

    /// <summary>Presses Tab until <paramref name="focused"/> holds; fails when the page's tab order never gets there.</summary>
    private static async Task TabToAsync(IPage page, string focused, string what)
    {
        var path = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>(focused))
            {
                return;
            }
            path.Add(await page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} \"${(e.textContent || e.value || '').trim().slice(0, 30)}\"` : '(none)'; }"));
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached {what}; focus went: {string.Join(" → ", path)}");
    }
}
