using System.Net;
using System.Text.Json;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Search;

public sealed record CorpusVideo(string Key, string Title, string Description, string[] Tags, string? Visibility, string? Status,
    long Views, long Likes, double DurationSeconds, int AgeDays)
{
    public bool Hidden => Key.StartsWith("hidden-", StringComparison.Ordinal);
}

public sealed record CorpusCase(string Query, string? Expect, string Why);

public sealed record Corpus(CorpusVideo[] Videos, CorpusCase[] Cases);

/// <summary>
/// TestData/corpus.json seeded once per provider on a host of its own (so words, vocabulary and rankings are the
/// corpus's alone): <see cref="Ids"/> maps each key to its video id.
/// </summary>
public sealed class SearchCorpus
{
    private static readonly Dictionary<string, Lazy<Task<SearchCorpus>>> Hosts = new()
    {
        ["sqlite"] = new(() => SeedAsync("sqlite")),
        ["postgres"] = new(() => SeedAsync("postgres")),
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SearchCorpus(TestHost host, TestUser owner, Corpus data, Dictionary<string, string> ids) => (Host, Owner, Data, Ids) = (host, owner, data, ids);

    public TestHost Host { get; }
    public TestUser Owner { get; }
    public Corpus Data { get; }
    public IReadOnlyDictionary<string, string> Ids { get; }

    public IEnumerable<string> HiddenIds => Data.Videos.Where(v => v.Hidden).Select(v => Ids[v.Key]);

    public static Task<SearchCorpus> GetAsync(string provider) => Hosts[provider].Value;

    public static Corpus Load() => JsonSerializer.Deserialize<Corpus>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Search", "TestData", "corpus.json")), Json)!;

    /// <summary>The keys of the corpus videos a search answers, in its order (other ids as they are).</summary>
    public async Task<List<string>> SearchAsync(string query)
    {
        using var response = await Host.Client.GetAsync(query.StartsWith('?') ? "/api/v1/search" + query : "/api/v1/search?q=" + Uri.EscapeDataString(query));
        var body = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        var byId = Ids.ToDictionary(p => p.Value, p => p.Key);
        return [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Select(id => byId.GetValueOrDefault(id, id))];
    }

    private static async Task<SearchCorpus> SeedAsync(string provider)
    {
        var host = await TestHost.StartAsync(provider);
        var owner = await host.RegisterAsync("corpus");
        var data = Load();
        var ids = new Dictionary<string, string>();
        var now = DateTime.UtcNow;
        foreach (var item in data.Videos)
        {
            var visibility = item.Visibility switch { "private" => Visibility.Private, "unlisted" => Visibility.Unlisted, _ => Visibility.Public };
            var status = item.Status switch { "failed" => VideoStatus.Failed, "processing" => VideoStatus.Processing, _ => VideoStatus.Ready };
            var video = await host.CreateVideoAsync(owner, item.Title, visibility, status, item.Description, item.Tags);
            var created = now.AddDays(-item.AgeDays);
            created = new DateTime(created.Ticks - created.Ticks % 10, DateTimeKind.Utc);
            await host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Videos.Where(v => v.Id == video.Id).ExecuteUpdateAsync(u => u
                .SetProperty(v => v.Views, item.Views).SetProperty(v => v.LikeCount, item.Likes)
                .SetProperty(v => v.DurationSeconds, item.DurationSeconds).SetProperty(v => v.CreatedAt, created)));
            ids[item.Key] = video.Id;
        }
        return new SearchCorpus(host, owner, data, ids);
    }
}
