using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Admin;

/// <summary>Calls the admin API the way a script would, and reads the audit log back.</summary>
public static class AdminKit
{
    public static async Task<HttpResponseMessage> PostJsonAsync(this TestUser user, string path, object? body = null) =>
        await user.Client.PostAsJsonAsync(path, body ?? new { });

    /// <summary>The newest audit entries of one action.</summary>
    public static async Task<List<JsonElement>> AuditAsync(this TestUser admin, string action)
    {
        using var response = await admin.Client.GetAsync($"/api/v1/admin/audit?action={Uri.EscapeDataString(action)}&limit=100");
        var body = await response.ShouldBeJsonAsync();
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    public static async Task<JsonElement> NotificationsAsync(this TestUser user)
    {
        using var response = await user.Client.GetAsync("/api/v1/me/notifications");
        return (await response.ShouldBeJsonAsync()).GetProperty("items");
    }

    public static async Task<List<string>> PublicVideoIdsAsync(this TestHost host, string path)
    {
        using var response = await host.Client.GetAsync(path);
        var body = await response.ShouldBeJsonAsync();
        return [.. body.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];
    }
}
