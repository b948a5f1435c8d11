using Framecast.BrowserTests.Support;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>
/// /admin: nobody but admins finds it (the 404 page), and the dashboard draws its charts from the real numbers, with
/// a text alternative for each; the console's pages are axe-clean at 1280 and 375 px, light and dark.
/// </summary>
public sealed class AdminConsoleTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    public static TheoryData<string> Pages => ["dashboard", "users", "videos", "live", "reports", "jobs", "gifts", "settings", "audit"];

    [Fact]
    public Task Everyone_but_admins_gets_the_404_page() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        foreach (var path in new[] { "/admin", "/admin/users", "/admin/jobs" })
        {
            var response = await page.GotoAsync(path);
            response!.Status.Should().Be(404, $"anonymous visitors do not learn that {path} exists");
            page.Url.Should().EndWith(path, "no log-in redirect");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        }
        await Site.RegisterAsync(page, "plain");
        await Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);
        (await page.GotoAsync("/admin"))!.Status.Should().Be(404, "a signed-in user who is not an admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        (await page.APIRequest.PostAsync("/admin", new() { Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = (await Site.CsrfTokenAsync(page))! } })).Status
            .Should().Be(404, "other methods too");
    });

    [Fact]
    public Task The_dashboard_draws_the_real_upload_count_and_says_it_in_words() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await AdminConsole.SignInAsync(Fixture, page);
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }))
            .ToHaveAttributeAsync("aria-current", "page");
        var before = await UploadsTodayAsync(page);

        await ApiSeeder.SeedAsync(Fixture.Address, TestClips.UniqueCopy(Fixture.ShortClip, "dashboard"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Dashboard updated.");
        var after = await UploadsTodayAsync(page);
        after.Should().Be(before + 1, "the upload just made is counted today, in the chart and in its table");
        await Expect(page.Locator("#uploads-summary")).ToContainTextAsync($"{after} {(after == 1 ? "upload" : "uploads")} today");
        await Expect(page.Locator("#uploads-chart")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex($"{after} uploads? today"));

        // Every chart is drawn (a Chart.js chart on each canvas) and has its table.
        foreach (var key in new[] { "uploads", "views", "live", "jobs", "dead", "errors", "storage" })
        {
            (await page.EvaluateAsync<bool>($"() => !!Chart.getChart(document.getElementById('{key}-chart'))")).Should().BeTrue($"the {key} chart is drawn");
            (await page.Locator($"#{key}-table table tbody tr").CountAsync()).Should().BePositive($"the {key} chart has its numbers as a table");
        }
        (await page.EvaluateAsync<long>("() => Chart.getChart(document.getElementById('storage-chart')).data.datasets[0].data[0]"))
            .Should().BePositive("the uploaded videos take room under DATA/media");
        ConsoleErrors.Should().BeEmpty();
    });

    [Fact]
    public Task The_settings_page_shows_and_saves_the_site_settings() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await AdminConsole.SignInAsync(Fixture, page);
        await page.GotoAsync("/admin/settings");
        var name = page.GetByLabel("Site name");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save settings" })).ToBeEnabledAsync();
        var brand = await page.Locator("header .brand").InnerTextAsync();
        await Expect(name).ToHaveValueAsync(brand.Trim(), new() { Timeout = Ms(Step) });
        await Expect(page.GetByLabel("Registration open (anyone may create an account)")).ToBeCheckedAsync();
        // Saved as they are: the other tests share this server and need registration open.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Settings saved. Registration is open.");
        await page.GotoAsync("/admin/audit");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "settings.update" }).First).ToBeVisibleAsync();
    });

    [Theory, MemberData(nameof(Pages))]
    public Task Console_page_has_no_serious_violations_and_fits_a_phone(string name) => RunAsync(async () =>
    {
        var page = await NewPageAsync(bypassCsp: true);
        await AdminConsole.SignInAsync(Fixture, page);
        var path = name == "dashboard" ? "/admin" : $"/admin/{name}";
        (await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle }))!.Status.Should().Be(200);
        await Expect(page.Locator("main#main h1")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, $"admin-{name}", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375, $"{path} must not scroll sideways on a 375 px phone");
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        await Screenshots.CaptureAsync(page, $"admin-{name}-dark", Fixture.ScreenshotsDirectory, Output.WriteLine);
    });

    /// <summary>Today's uploads from the chart itself (its last bar) and from its table (first row: newest day); they must agree.</summary>
    private static async Task<long> UploadsTodayAsync(IPage page)
    {
        await Expect(page.Locator("#uploads-table table")).ToHaveCountAsync(1);
        var drawn = await page.EvaluateAsync<long>("() => { const d = Chart.getChart(document.getElementById('uploads-chart')).data.datasets[0].data; return d[d.length - 1]; }");
        var tabled = long.Parse(await page.Locator("#uploads-table tbody tr").First.Locator("td").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        tabled.Should().Be(drawn);
        return drawn;
    }
}
