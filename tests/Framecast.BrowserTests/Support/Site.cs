namespace Framecast.BrowserTests.Support;

/// <summary>What a user does on the pages (PAGES.md), by roles and labels: register, log in, upload.</summary>
public static class Site
{
    public static async Task<string> RegisterAsync(IPage page, string prefix)
    {
        var username = TestUsers.NewName(prefix);
        await page.GotoAsync("/register");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(SignedInLink(page, username)).ToBeVisibleAsync();
        return username;
    }

    public static async Task LogInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/login");
        await FillLogInAsync(page, username, password);
        await Expect(SignedInLink(page, username)).ToBeVisibleAsync();
    }

    public static async Task FillLogInAsync(IPage page, string username, string password)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>The header's link to the signed-in user's channel.</summary>
    public static ILocator SignedInLink(IPage page, string username) =>
        page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = username, Exact = true });

    /// <summary>The uploader's entry for a file (<c>li.upload</c> with the file name).</summary>
    public static ILocator UploadItem(IPage page, string file) =>
        page.Locator("#upload-list li.upload").Filter(new() { HasText = Path.GetFileName(file) });

    /// <summary>Uploads <paramref name="file"/> on /upload and waits for "Ready" with its "Watch" link.</summary>
    public static async Task<UploadedVideo> UploadAsync(IPage page, string file, TimeSpan processing)
    {
        await page.GotoAsync("/upload");
        await page.Locator("#files").SetInputFilesAsync(file);
        return await WaitUntilReadyAsync(page, file, processing);
    }

    public static async Task<UploadedVideo> WaitUntilReadyAsync(IPage page, string file, TimeSpan processing)
    {
        var item = UploadItem(page, file);
        var status = item.GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync("Ready", new() { Timeout = (float)processing.TotalMilliseconds });
        var watch = status.GetByRole(AriaRole.Link, new() { Name = "Watch" });
        await Expect(watch).ToBeVisibleAsync();
        var title = await item.GetByLabel("Title").InputValueAsync();
        return new UploadedVideo(VideoId(await watch.GetAttributeAsync("href")), title);
    }

    /// <summary>The id in a <c>/v/{id}</c> link (relative or absolute).</summary>
    public static string VideoId(string? href)
    {
        href.Should().NotBeNull("a watch link has an href");
        var path = new Uri(new Uri("http://x/"), href).AbsolutePath;
        path.Should().StartWith("/v/", $"a watch link points to /v/{{id}} (was {href})");
        return path["/v/".Length..].TrimEnd('/');
    }

    /// <summary>The page's antiforgery token (<c>meta[name=csrf-token]</c>), for API calls with the page's cookies.</summary>
    public static Task<string?> CsrfTokenAsync(IPage page) =>
        page.Locator("meta[name=csrf-token]").GetAttributeAsync("content");
}
