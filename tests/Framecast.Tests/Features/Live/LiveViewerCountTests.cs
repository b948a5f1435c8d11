using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// Viewer counts: distinct viewers seen fetching playlists in the last 30 s (account, else the <c>fc_viewer</c>
/// cookie, else address and browser), counted every 5 s by the holding node, the peak kept; the live list ordered by
/// them. Only <see cref="LiveViewer"/>s fetch playlists here: any other fetch would be a viewer too.
/// </summary>
public sealed class LiveViewerCountTests
{
    private static readonly TimeSpan CountedWithin = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Five_browsers_count_five_two_tabs_count_once_one_account_on_two_browsers_counts_once_and_the_list_puts_the_most_watched_first(string provider)
    {
        await using var host = await LiveTestKit.StartHostAsync(provider: provider);
        var port = await host.RtmpPortAsync();
        var five = await host.RegisterAsync("five");
        var tabs = await host.RegisterAsync("tabs");
        var account = await host.RegisterAsync("acct");
        var member = await host.RegisterAsync("member");
        await using var fivePublisher = LiveTestKit.Publish(port, await five.StreamKeyAsync());
        await using var tabsPublisher = LiveTestKit.Publish(port, await tabs.StreamKeyAsync());
        await using var accountPublisher = LiveTestKit.Publish(port, await account.StreamKeyAsync());
        var viewers = new List<LiveViewer>();
        try
        {
            await host.Client.WaitLiveAsync(five.Username);
            await host.Client.WaitLiveAsync(tabs.Username);
            await host.Client.WaitLiveAsync(account.Username);

            // Five browsers, each with its own cookie jar.
            for (var i = 0; i < 5; i++)
            {
                viewers.Add(new LiveViewer(host));
            }
            // One browser, two tabs: one cookie jar.
            var jar = new CookieContainer();
            viewers.Add(new LiveViewer(host, jar));
            viewers.Add(new LiveViewer(host, jar));
            // One signed-in member on two browsers (two jars, so two fc_viewer cookies).
            viewers.Add(new LiveViewer(host, token: member.Token));
            viewers.Add(new LiveViewer(host, token: member.Token));

            await Task.WhenAll(viewers.Take(5).Select(v => v.WatchAsync(five.Username)));
            await viewers[5].WatchAsync(tabs.Username);
            await viewers[6].WatchAsync(tabs.Username);
            await viewers[7].WatchAsync(account.Username);
            await viewers[8].WatchAsync(account.Username);

            var fiveSession = await host.Client.WaitSessionAsync(five.Username, s => s.Viewers() == 5, "five browsers are counted", CountedWithin);
            var tabsSession = await host.Client.WaitSessionAsync(tabs.Username, s => s.Viewers() == 1, "two tabs are counted", CountedWithin);
            var accountSession = await host.Client.WaitSessionAsync(account.Username, s => s.Viewers() == 1, "the member is counted", CountedWithin);
            fiveSession.PeakViewers().Should().Be(5);
            tabsSession.PeakViewers().Should().Be(1, "two tabs of one browser are one viewer");
            accountSession.PeakViewers().Should().Be(1, "one account on two browsers is one viewer");

            // Most viewers first; pages of one by opaque cursors (pages are positions: every viewer watches again first,
            // so no count changes while the pages are read).
            await Task.WhenAll(viewers.Take(5).Select(v => v.WatchAsync(five.Username)));
            await Task.WhenAll(viewers[5].WatchAsync(tabs.Username), viewers[6].WatchAsync(tabs.Username));
            await Task.WhenAll(viewers[7].WatchAsync(account.Username), viewers[8].WatchAsync(account.Username));
            var list = await host.Client.ListLiveAsync();
            list.Items().First().Username().Should().Be(five.Username, "the most watched channel comes first");
            list.Items().Skip(1).Select(s => s.Username()).Should().BeEquivalentTo([tabs.Username, account.Username]);
            list.Items().Select(s => s.Viewers()).Should().Equal(5, 1, 1);
            list.String("nextCursor").Should().BeNull();
            var seen = new List<string>();
            var query = "?limit=1";
            for (var page = 0; page < 3; page++)
            {
                var one = await host.Client.ListLiveAsync(query);
                one.Items().Should().HaveCount(1);
                seen.Add(one.Items().Single().Username());
                var next = one.String("nextCursor");
                if (page < 2)
                {
                    next.Should().NotBeNullOrEmpty();
                    query = $"?limit=1&cursor={Uri.EscapeDataString(next!)}";
                }
                else
                {
                    next.Should().BeNull("three broadcasts, three pages");
                }
            }
            seen.Should().Equal(list.Items().Select(s => s.Username()));
        }
        finally
        {
            viewers.ForEach(v => v.Dispose());
            await Task.WhenAll(five.EndQuietlyAsync(), tabs.EndQuietlyAsync(), account.EndQuietlyAsync());
        }
    }

    [Fact]
    public async Task Viewers_who_stop_watching_stop_counting_and_the_peak_stays()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("peak");
        await using var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), await owner.StreamKeyAsync());
        var viewers = Enumerable.Range(0, 3).Select(_ => new LiveViewer(host)).ToList();
        try
        {
            await host.Client.WaitLiveAsync(owner.Username);
            await Task.WhenAll(viewers.Select(v => v.WatchAsync(owner.Username)));
            await host.Client.WaitSessionAsync(owner.Username, s => s.Viewers() == 3, "three viewers are counted", CountedWithin);

            // Nobody fetches a playlist any more: 30 s later nobody is counted, but the peak is remembered.
            var after = await host.Client.WaitSessionAsync(owner.Username, s => s.Viewers() == 0, "the viewers who left are no longer counted",
                TimeSpan.FromSeconds(45));
            after.PeakViewers().Should().Be(3);
            after.GetProperty("status").GetString().Should().Be("live");
            var listed = (await host.Client.ListLiveAsync()).Items().Single(s => s.Username() == owner.Username);
            listed.Viewers().Should().Be(0);
            listed.PeakViewers().Should().Be(3);
        }
        finally
        {
            viewers.ForEach(v => v.Dispose());
            await owner.EndQuietlyAsync();
        }
    }

    [Fact]
    public async Task A_player_without_cookies_is_one_viewer()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("nocookie");
        await using var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), await owner.StreamKeyAsync());
        try
        {
            await host.Client.WaitLiveAsync(owner.Username);
            // A player that keeps no cookies (VLC, mpv, a TV app, a browser blocking them): it loads the master
            // playlist, then reloads a media playlist (whose address carries the key the master gave it).
            using var player = host.NewClient();
            player.DefaultRequestHeaders.UserAgent.ParseAdd("TestPlayer/1.0");
            string? master = null;
            await Eventually.TrueAsync(async () =>
            {
                using var response = await player.GetAsync(LiveTestKit.MasterUrl(owner.Username));
                master = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.OK;
            }, "the master playlist answers", LiveTestKit.Patience);
            var media = $"/live/{owner.Username}/{LiveMasterPlaylist.Parse(master!).Variants[0].Uri}";
            for (var i = 0; i < 3; i++)
            {
                (await player.GetAsync(media)).StatusCode.Should().Be(HttpStatusCode.OK);
            }

            // A count that saw (some of) the player; then a browser watching after every fetch of the player: the
            // first count above the one before includes the whole player, whatever the counts' timing.
            var before = (await host.Client.WaitSessionAsync(owner.Username, s => s.Viewers() > 0, "the player is counted", CountedWithin)).Viewers();
            using var marker = new LiveViewer(host);
            await marker.WatchAsync(owner.Username);
            var after = (await host.Client.WaitSessionAsync(owner.Username, s => s.Viewers() > before, "the browser is counted", CountedWithin)).Viewers();
            (after - 1).Should().Be(1, $"one player without cookies is one viewer (it fetched the master twice and a media playlist three times; counts {before}, then {after} with one browser)");
        }
        finally
        {
            await owner.EndQuietlyAsync();
        }
    }
}
