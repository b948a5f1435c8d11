using System.Text.Json;
using Framecast.Features.Live;
using Framecast.Features.Videos;
using Framecast.Tests.Features.Social;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Search;

/// <summary>Suggestions, and searches of channels and of broadcasts going on now.</summary>
public sealed class SuggestAndChannelSearchTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Suggestions_complete_titles_tags_and_channels_most_popular_first(string provider)
    {
        var corpus = await SearchCorpus.GetAsync(provider);
        var chef = await corpus.Host.RegisterAsync("sushichef");
        var items = await SearchTests.SuggestAsync(corpus.Host.Client, "sush");
        var texts = items.Select(Text).ToList();
        texts.Should().Contain(["Sushi master class", "Sushi for kids", "sushi", chef.Username]);
        texts.IndexOf("Sushi master class").Should().BeLessThan(texts.IndexOf("Sushi for kids"), "more viewed first");
        items.Single(i => Text(i) == "sushi").GetProperty("kind").GetString().Should().Be("tag");
        items.Single(i => Text(i) == chef.Username).GetProperty("kind").GetString().Should().Be("channel");
        items.Single(i => Text(i) == "Sushi for kids").GetProperty("kind").GetString().Should().Be("video");
        items.Count.Should().BeLessThanOrEqualTo(10);

        (await SearchTests.SuggestAsync(corpus.Host.Client, "東京")).Select(Text).Should().Contain(["東京タワーの夜景", "東京"]);
        (await SearchTests.SuggestAsync(corpus.Host.Client, "lisb")).Select(Text).Should().Equal("Travel guide to Lisbon");
        (await SearchTests.SuggestAsync(corpus.Host.Client, "qqqq")).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Channels_are_found_by_name_with_their_followers_and_public_videos(string provider)
    {
        var corpus = await SearchCorpus.GetAsync(provider);
        var host = corpus.Host;
        var channel = await host.RegisterAsync("findme");
        await host.CreateVideoAsync(channel, "one");
        await host.CreateVideoAsync(channel, "two");
        await host.CreateVideoAsync(channel, "mine", Visibility.Private);
        var fan = await host.RegisterAsync("fan");
        await fan.Client.PutAsync($"/api/v1/channels/{channel.Username}/subscription", null);

        foreach (var q in new[] { channel.Username, "findme", "fi", channel.Username[7..13], "FINDME" })
        {
            var found = await ChannelsAsync(host, q);
            var hit = found.SingleOrDefault(c => c.GetProperty("username").GetString() == channel.Username);
            hit.ValueKind.Should().Be(JsonValueKind.Object, $"'{q}' finds the channel");
            hit.GetProperty("followers").GetInt64().Should().Be(1);
            hit.GetProperty("videos").GetInt64().Should().Be(2, "its public ready videos only");
        }
        (await ChannelsAsync(host, channel.Username))[0].GetProperty("username").GetString().Should().Be(channel.Username, "the exact name first");
        (await ChannelsAsync(host, "nosuchchannelname")).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Broadcasts_on_air_are_found_by_title_and_channel(string provider)
    {
        var corpus = await SearchCorpus.GetAsync(provider);
        var host = corpus.Host;
        var streamer = await host.RegisterAsync("onair");
        var session = await host.AddSessionAsync(streamer, LiveSessionStatus.Live);

        var byName = await LiveAsync(host, streamer.Username);
        byName.Select(s => s.GetProperty("sessionId").GetString()).Should().Equal(session);
        byName[0].GetProperty("channel").GetProperty("username").GetString().Should().Be(streamer.Username);
        (await LiveAsync(host, "on air " + streamer.Username[6..])).Should().ContainSingle("the title holds both words");

        await host.EndSessionsAsync(session);
        (await LiveAsync(host, streamer.Username)).Should().BeEmpty("an ended broadcast is not live");
    }

    private static string Text(JsonElement item) => item.GetProperty("text").GetString()!;

    private static async Task<List<JsonElement>> ChannelsAsync(TestHost host, string q) => await ItemsAsync(host, $"/api/v1/search?type=channel&q={Uri.EscapeDataString(q)}");

    private static async Task<List<JsonElement>> LiveAsync(TestHost host, string q) => await ItemsAsync(host, $"/api/v1/search?type=live&q={Uri.EscapeDataString(q)}");

    private static async Task<List<JsonElement>> ItemsAsync(TestHost host, string url)
    {
        using var response = await host.Client.GetAsync(url);
        return [.. (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray()];
    }
}
