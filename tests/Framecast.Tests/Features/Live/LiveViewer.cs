using System.Net;
using System.Net.Http.Headers;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// A viewer as a browser is one: its own cookie jar (so the <c>fc_viewer</c> cookie the master playlist sets is sent
/// back), optionally signed in, fetching the master playlist and then a media playlist as a player does. Two tabs of
/// one browser are two <see cref="LiveViewer"/>s sharing one <see cref="CookieContainer"/>.
/// </summary>
public sealed class LiveViewer : IDisposable
{
    private readonly HttpClient _client;

    public LiveViewer(TestHost host, CookieContainer? jar = null, string? token = null)
    {
        Jar = jar ?? new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Jar, UseCookies = true })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (token is not null)
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public CookieContainer Jar { get; }

    /// <summary>The master playlist (asked again while the broadcast is starting, 503), then its first media playlist.</summary>
    public async Task WatchAsync(string username)
    {
        string? master = null;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await _client.GetAsync(LiveTestKit.MasterUrl(username));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return false;
            }
            master = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, master);
            return true;
        }, $"{username}'s master playlist answers a viewer", LiveTestKit.Patience);
        var variant = LiveMasterPlaylist.Parse(master!).Variants[0].Uri;
        using var media = await _client.GetAsync($"/live/{username}/{variant}");
        media.StatusCode.Should().Be(HttpStatusCode.OK, await media.Content.ReadAsStringAsync());
    }

    public void Dispose() => _client.Dispose();
}
