using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.BrowserTests.Support;

/// <summary>
/// An administrator's API client, made the way an operator makes the first admin (<c>framecast users create --admin</c>
/// on the server's data folder): coins for test users through wallet grants and vouchers.
/// </summary>
public sealed class AdminApi
{
    private readonly HttpClient http;

    private AdminApi(HttpClient http, string username)
    {
        this.http = http;
        Username = username;
    }

    /// <summary>The admin's name (the password is <see cref="TestUsers.Password"/>), to sign in on the pages.</summary>
    public string Username { get; }

    public static async Task<AdminApi> CreateAsync(Uri address, string dataDirectory)
    {
        var username = TestUsers.NewName("admin");
        var info = FramecastProcess.StartInfo(["users", "create", username, "--password-stdin", "--admin", "--data", dataDirectory]);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using (var process = Process.Start(info)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteLineAsync(TestUsers.Password);
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"users create --admin exited {process.ExitCode}: {await stderr}{await stdout}");
            }
        }
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        using var login = await http.PostAsJsonAsync("/api/v1/sessions", new { username, password = TestUsers.Password });
        await EnsureAsync(login, "logging in as the admin");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new AdminApi(http, username);
    }

    /// <summary>Gives <paramref name="username"/> coins (a wallet grant).</summary>
    public async Task GrantAsync(string username, long coins)
    {
        using var granted = await http.PostAsJsonAsync($"/api/v1/admin/wallets/{username}/grants", new { coins, reason = "browser test" });
        await EnsureAsync(granted, $"granting {coins} coins to {username}");
    }

    /// <summary>New voucher codes worth <paramref name="valueCoins"/> each.</summary>
    public async Task<IReadOnlyList<string>> VouchersAsync(long valueCoins, int count)
    {
        using var made = await http.PostAsJsonAsync("/api/v1/admin/vouchers",
            new { valueCoins, count, expiresAt = DateTime.UtcNow.AddDays(1) });
        await EnsureAsync(made, "making vouchers");
        var body = await made.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)];
    }

    /// <summary>The gift catalogue's active gifts, cheapest first.</summary>
    public async Task<IReadOnlyList<(string Id, string Name, long Price)>> GiftsAsync()
    {
        var body = await http.GetFromJsonAsync<JsonElement>("/api/v1/gifts");
        return [.. body.GetProperty("items").EnumerateArray()
            .Where(g => !g.TryGetProperty("active", out var active) || active.ValueKind != JsonValueKind.False)
            .Select(g => (g.GetProperty("id").GetString()!, g.GetProperty("name").GetString()!, g.GetProperty("priceCoins").GetInt64()))
            .OrderBy(g => g.Item3)];
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
