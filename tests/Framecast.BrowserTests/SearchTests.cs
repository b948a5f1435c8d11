using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Framecast.BrowserTests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Framecast.BrowserTests;

/// <summary>
/// The header's search box suggests as one types (a combobox: arrows, Enter), and /search filters by duration and sorts
/// by upload date with a plain form.
/// </summary>
public sealed class SearchTests(FramecastFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Pick_a_suggestion_with_the_keyboard_then_filter_by_duration_and_sort_by_date() => RunAsync(async () =>
    {
        var word = "qz" + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)))[..8];
        var ownerId = await RegisterAsync(TestUsers.NewName("finder"));
        await AddVideoAsync(ownerId, $"{word} harbour walk", durationSeconds: 120, ageDays: 1, views: 50);
        await AddVideoAsync(ownerId, $"{word} harbour tour", durationSeconds: 900, ageDays: 3, views: 500);
        await AddVideoAsync(ownerId, $"{word} mountain hike", durationSeconds: 3000, ageDays: 10, views: 5000);

        var page = await NewPageAsync(bypassCsp: true);
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search" });
        await box.PressSequentiallyAsync(word[..6], new() { Delay = 40 });
        var listbox = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" });
        await Expect(listbox).ToBeVisibleAsync();
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        var options = listbox.GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(3);
        await Expect(options.Nth(0)).ToContainTextAsync($"{word} mountain hike"); // most viewed first
        await Expect(options.Nth(1)).ToContainTextAsync($"{word} harbour tour");

        await box.PressAsync("ArrowDown");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "false");
        await Expect(box).ToHaveAttributeAsync("aria-activedescendant", "site-search-option-1");
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        await Screenshots.CaptureAsync(page, "search-suggestions", Fixture.ScreenshotsDirectory, Output.WriteLine);
        await page.SetViewportSizeAsync(1280, 800);

        await box.PressAsync("Escape");
        await Expect(listbox).ToBeHiddenAsync();
        await Expect(box).ToHaveAttributeAsync("aria-expanded", "false");
        await box.PressAsync("ArrowDown");
        await box.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=" + word + "(\\+|%20)harbour(\\+|%20)tour$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Results for \"{word} harbour tour\"", Level = 1 })).ToBeVisibleAsync();
        await Expect(Titles(page).First).ToHaveTextAsync($"{word} harbour tour");

        // The three, then only the short one, then all by upload date, newest first.
        await page.GotoAsync($"/search?q={word}");
        await Expect(Titles(page)).ToHaveCountAsync(3);
        await page.GetByLabel("Duration").SelectOptionAsync(new SelectOptionValue { Label = "Under 4 minutes" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("duration=short"));
        await Expect(Titles(page)).ToHaveTextAsync([$"{word} harbour walk"]);
        await Expect(page.GetByLabel("Duration")).ToHaveValueAsync("short");

        await page.GetByLabel("Duration").SelectOptionAsync(new SelectOptionValue { Label = "Any length" });
        await page.GetByLabel("Sort by").SelectOptionAsync(new SelectOptionValue { Label = "Upload date" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=date"));
        await Expect(Titles(page)).ToHaveTextAsync([$"{word} harbour walk", $"{word} harbour tour", $"{word} mountain hike"]);
        await Expect(page.GetByLabel("Sort by")).ToHaveValueAsync("date");

        // The other tabs keep the words.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Result types" }).GetByRole(AriaRole.Link, new() { Name = "Channels" }).ClickAsync();
        await Expect(page.GetByText($"No channels match \"{word}\".")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, Fixture.AxeScript);
        var widths = await Screenshots.CaptureAsync(page, "search-results", Fixture.ScreenshotsDirectory, Output.WriteLine);
        widths[375].Should().BeLessThanOrEqualTo(375);
        ConsoleErrors.Where(e => e.StartsWith("pageerror", StringComparison.Ordinal)).Should().BeEmpty();
    });

    private static ILocator Titles(IPage page) => page.Locator("ul.video-grid .card-title a");

    private async Task<string> RegisterAsync(string username)
    {
        using var http = new HttpClient { BaseAddress = Fixture.Address };
        using var response = await http.PostAsJsonAsync("/api/v1/users", new { username, password = TestUsers.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// A ready public video row written straight into the server's SQLite file (no media: the pages here only list it),
    /// with the length, age and views the filters and sorts need. The search index picks it up through its triggers.
    /// </summary>
    private async Task AddVideoAsync(string ownerId, string title, double durationSeconds, int ageDays, long views)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Fixture.DataDirectory, "framecast.db")};Default Timeout=30");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA busy_timeout = 10000;
            INSERT INTO videos (id, owner_id, title, description, tags, visibility, status, progress, playable, duration_seconds, width, height,
                has_thumbnail, renditions, created_at, updated_at, views, published_at)
            VALUES ($id, $owner, $title, '', '[]', 'public', 'ready', 100, 1, $duration, 1280, 720, 0, '[]', $created, $created, $views, $created);
            """;
        var created = DateTimeOffset.UtcNow.AddDays(-ageDays).ToUnixTimeMilliseconds() * 1000;
        command.Parameters.AddWithValue("$id", Framecast.Infrastructure.Http.Ids.New());
        command.Parameters.AddWithValue("$owner", ownerId);
        command.Parameters.AddWithValue("$title", title);
        command.Parameters.AddWithValue("$duration", durationSeconds);
        command.Parameters.AddWithValue("$created", created);
        command.Parameters.AddWithValue("$views", views);
        await command.ExecuteNonQueryAsync();
    }
}
