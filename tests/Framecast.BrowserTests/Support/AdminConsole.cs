using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Framecast.BrowserTests.Support;

/// <summary>What the admin console tests need around the pages: the admin signed in, confirmations accepted, and a few API users.</summary>
public static class AdminConsole
{
    /// <summary>Signs the fixture's admin in on <paramref name="page"/> and says yes to every confirm() after that.</summary>
    public static async Task<AdminApi> SignInAsync(FramecastFixture fixture, IPage page)
    {
        var admin = await fixture.AdminAsync();
        await Site.LogInAsync(page, admin.Username, TestUsers.Password);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return admin;
    }

    /// <summary>A fresh account made through the API, with a client that carries its session.</summary>
    public static async Task<(string Username, HttpClient Client)> RegisterAsync(Uri address, string prefix)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var username = TestUsers.NewName(prefix);
        using var registered = await http.PostAsJsonAsync("/api/v1/users", new { username, password = TestUsers.Password });
        registered.EnsureSuccessStatusCode();
        var token = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (username, http);
    }

    /// <summary>
    /// Queues a job of a type no worker handles in the server's database: the server's own worker takes it and it
    /// dies on its first run ("no handler"), the way a job out of attempts does. Returns its id once it is dead.
    /// </summary>
    public static async Task<long> DeadJobAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "framecast.db")};Default Timeout=30");
        await connection.OpenAsync();
        var now = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO jobs (type, payload, status, attempts, max_attempts, not_before, created_at, updated_at)
            VALUES ('browser.unhandled', '{}', 'queued', 0, 3, @now, @now, @now) RETURNING id
            """, new { now });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await connection.ExecuteScalarAsync<string>("SELECT status FROM jobs WHERE id = @id", new { id }) != "dead")
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"the server's worker gives up job {id} (no handler) within a minute");
            // The worker polls the table (SQLite has no notifications); look again shortly.
            await Task.Delay(250);
        }
        return id;
    }
}
