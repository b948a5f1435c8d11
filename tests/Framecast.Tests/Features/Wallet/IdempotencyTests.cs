using System.Net;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Wallet;

/// <summary>A retried send (same idempotency key) moves coins once and answers the same, even when the retries race.</summary>
public sealed class IdempotencyTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_key_sent_twice_moves_coins_once_and_answers_the_same(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var (admin, channel, fan, videoId, giftId) = await SetUpAsync(host, 100);
        var key = Guid.NewGuid().ToString();

        var first = await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 2, key)).ShouldBeJsonAsync(HttpStatusCode.Created);
        var again = await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 2, key)).ShouldBeJsonAsync(HttpStatusCode.Created);

        again.GetRawText().Should().Be(first.GetRawText(), "a retry gets the first answer");
        first.GetProperty("balanceCoins").GetInt64().Should().Be(80);
        (await fan.BalanceAsync()).Should().Be(80, "coins moved once");
        (await channel.EarnedAsync()).Should().Be(14);
        (await host.GiftTransactionsAsync([fan.Id])).Should().HaveCount(1);

        // The same key for a different send is a client bug: refused, nothing moves.
        await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 3, key)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "wallet.idempotency_key_reused");
        (await fan.BalanceAsync()).Should().Be(80);
        _ = admin;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Racing_retries_with_one_key_move_coins_once(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var (_, channel, fan, videoId, giftId) = await SetUpAsync(host, 100);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await fan.SendGiftAsync($"videos/{videoId}", giftId, 1, key);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Created, string.Join("\n", answers.Select(a => a.Body)));
        answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("id").GetString()).Distinct().Should().HaveCount(1, "one send, answered to every retry");
        (await fan.BalanceAsync()).Should().Be(90);
        (await channel.EarnedAsync()).Should().Be(7);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_short_balance_is_refused_with_the_balance_and_moves_nothing(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var (_, channel, fan, videoId, giftId) = await SetUpAsync(host, 25);

        var problem = await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 3)).ShouldBeProblemAsync(HttpStatusCode.PaymentRequired, "wallet.insufficient_funds");

        problem.GetProperty("balanceCoins").GetInt64().Should().Be(25);
        problem.GetProperty("requiredCoins").GetInt64().Should().Be(30);
        (await fan.BalanceAsync()).Should().Be(25);
        (await channel.EarnedAsync()).Should().Be(0);
        (await host.GiftTransactionsAsync([fan.Id])).Should().BeEmpty();
        // The refused key was not spent: the same intended send goes through once the coins are there.
        var retried = await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 2)).ShouldBeJsonAsync(HttpStatusCode.Created);
        retried.GetProperty("balanceCoins").GetInt64().Should().Be(5);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_sends_are_refused_with_stable_codes(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var (admin, channel, fan, videoId, giftId) = await SetUpAsync(host, 100);

        await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 0)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 100)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 1, "has spaces in it")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await fan.SendGiftAsync($"videos/{videoId}", "nosuchgift1", 1)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "gift.not_found");
        await (await fan.SendGiftAsync("videos/nosuchvideo", giftId, 1)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
        await (await channel.SendGiftAsync($"videos/{videoId}", giftId, 1)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "gift.self");
        var privateVideo = await host.CreateVideoAsync(channel, "private", Framecast.Features.Videos.Visibility.Private);
        await (await fan.SendGiftAsync($"videos/{privateVideo.Id}", giftId, 1)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
        using var anonymous = host.NewClient();
        (await anonymous.PostAsync($"/api/v1/videos/{videoId}/gifts", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.Client.DeleteAsync($"/api/v1/admin/gifts/{giftId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await fan.SendGiftAsync($"videos/{videoId}", giftId, 1)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "gift.not_found");
        (await fan.BalanceAsync()).Should().Be(100, "nothing refused moved a coin");
    }

    private static async Task<(TestUser Admin, TestUser Channel, TestUser Fan, string VideoId, string GiftId)> SetUpAsync(TestHost host, long coins)
    {
        var admin = await host.CreateAdminAsync();
        var channel = await host.RegisterAsync("chan");
        var fan = await host.RegisterAsync("fan");
        var video = await host.CreateVideoAsync(channel);
        var giftId = await admin.CreateGiftAsync("Coin", 10);
        await admin.GrantAsync(fan.Username, coins);
        return (admin, channel, fan, video.Id, giftId);
    }
}
