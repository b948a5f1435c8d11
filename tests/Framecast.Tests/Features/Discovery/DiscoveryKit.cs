using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Features.Discovery;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Discovery;

/// <summary>Calls and fixtures for the discovery tests: progress reports, lists of ids, events of a known age.</summary>
public static class DiscoveryKit
{
    public static async Task PutProgressAsync(this HttpClient client, string videoId, double position, HttpStatusCode expected = HttpStatusCode.NoContent)
    {
        using var response = await client.PutAsJsonAsync($"/api/v1/videos/{videoId}/progress", new { positionSeconds = position });
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
    }

    public static async Task<List<JsonElement>> HistoryAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/me/history?limit=100");
        return (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().ToList();
    }

    public static async Task<List<string>> VideoIdsAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToList();
    }

    public static Task<int> RecomputeTrendingAsync(this TestHost host) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<TrendingCalculator>().RecomputeAsync(CancellationToken.None));

    /// <summary>Adds <paramref name="count"/> comments by <paramref name="author"/> made <paramref name="age"/> ago (a trending signal of known age).</summary>
    public static Task<int> AddCommentsAsync(this TestHost host, string videoId, TestUser author, int count, TimeSpan age) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var at = sp.GetRequiredService<DbConnectionFactory>().Time(DateTime.UtcNow - age);
            for (var i = 0; i < count; i++)
            {
                var id = Guid.NewGuid().ToString("N")[..22];
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO comments (id, video_id, author_id, content, created_at) VALUES ({id}, {videoId}, {author.Id}, {"hi"}, {at})");
            }
            return count;
        });
}
