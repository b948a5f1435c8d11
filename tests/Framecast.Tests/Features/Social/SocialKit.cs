using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Social;

/// <summary>The REST calls of API.md's social section, for the social and notification tests.</summary>
public static class SocialKit
{
    public static async Task<JsonElement> LikeAsync(this HttpClient client, string videoId, bool like = true)
    {
        using var response = like ? await client.PutAsync($"/api/v1/videos/{videoId}/like", null) : await client.DeleteAsync($"/api/v1/videos/{videoId}/like");
        return await response.ShouldBeJsonAsync();
    }

    public static async Task<JsonElement> LikeStateAsync(this HttpClient client, string videoId)
    {
        using var response = await client.GetAsync($"/api/v1/videos/{videoId}/like");
        return await response.ShouldBeJsonAsync();
    }

    public static async Task<JsonElement> FollowAsync(this HttpClient client, string channel, bool follow = true)
    {
        using var response = follow
            ? await client.PutAsync($"/api/v1/channels/{channel}/subscription", null)
            : await client.DeleteAsync($"/api/v1/channels/{channel}/subscription");
        return await response.ShouldBeJsonAsync();
    }

    public static async Task<JsonElement> SubscriptionAsync(this HttpClient client, string channel)
    {
        using var response = await client.GetAsync($"/api/v1/channels/{channel}/subscription");
        return await response.ShouldBeJsonAsync();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        return await response.ShouldBeJsonAsync();
    }

    /// <summary>Every item of a cursor-paged list, following nextCursor with pages of <paramref name="limit"/>.</summary>
    public static async Task<List<JsonElement>> AllPagesAsync(this HttpClient client, string url, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var separator = url.Contains('?') ? '&' : '?';
            var page = await client.GetJsonAsync($"{url}{separator}limit={limit}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            pageItems.Count.Should().BeLessThanOrEqualTo(limit);
            items.AddRange(pageItems);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return items;
    }

    public static bool Liked(this JsonElement state) => state.GetProperty("liked").GetBoolean();

    public static long Likes(this JsonElement state) => state.GetProperty("likes").GetInt64();

    public static bool Following(this JsonElement state) => state.GetProperty("following").GetBoolean();

    public static long Followers(this JsonElement state) => state.GetProperty("followers").GetInt64();

    /// <summary>Asserts a 2xx and disposes the response (for calls whose body is not checked).</summary>
    public static async Task OkAsync(this Task<HttpResponseMessage> call)
    {
        using var response = await call;
        response.IsSuccessStatusCode.Should().BeTrue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.PatchAsync(url, JsonContent.Create(body));
}
