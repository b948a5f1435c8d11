using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Chat;

/// <summary>
/// Moderation of a channel's chat: bans (timed or permanent, seen by the banned account with their reason), moderators
/// named by the owner, slow mode and the per-account rate limit (429 with the wait), blocked words, minimum account age,
/// reports, and the log of every action.
/// </summary>
public sealed class ChatModerationTests(ChatLiveFixture live) : IClassFixture<ChatLiveFixture>
{
    private TestHost Host => live.Host;
    private string Channel => live.Owner.Username;

    [Fact]
    public async Task A_banned_account_cannot_send_and_sees_why_by_REST_and_hub_until_the_ban_is_lifted()
    {
        await live.ResetSettingsAsync();
        var troll = await Host.RegisterAsync("troll");
        var (watcher, _) = await Host.JoinLiveAsync(null, live.SessionId, "watcher");
        await using var _w = watcher;
        var (trollClient, before) = await Host.JoinLiveAsync(troll, live.SessionId);
        await using var _t = trollClient;
        before.GetProperty("canSend").GetBoolean().Should().BeTrue();

        var reason = $"spamming links {Guid.NewGuid():N}"[..24];
        JsonElement ban;
        using (var response = await live.Owner.Client.BanAsync(Channel, troll.Username, reason, durationSeconds: 600))
        {
            ban = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        }
        ban.GetProperty("user").Str("username").Should().Be(troll.Username);
        ban.GetProperty("user").Str("id").Should().Be(troll.Id);
        ban.Str("reason").Should().Be(reason);
        ban.GetProperty("by").Str("username").Should().Be(Channel);
        var until = ban.GetProperty("until").GetDateTimeOffset();
        until.Should().BeCloseTo(DateTimeOffset.UtcNow.AddSeconds(600), TimeSpan.FromSeconds(60));

        var announced = await watcher.WaitForAsync("banned", b => b.GetProperty("user").Str("username") == troll.Username, "the ban is announced to the room");
        announced.Str("sessionId").Should().Be(live.SessionId);
        announced.Str("reason").Should().Be(reason);
        announced.GetProperty("until").GetDateTimeOffset().Should().BeCloseTo(until, TimeSpan.FromSeconds(1));

        // By REST: 403 chat.banned, with until and why.
        using (var response = await troll.Client.PostMessageAsync(live.SessionId, "let me in"))
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "chat.banned");
            problem.GetProperty("until").GetDateTimeOffset().Should().BeCloseTo(until, TimeSpan.FromSeconds(1));
            problem.Str("reason").Should().Be(reason);
        }
        // By the hub: the same refusal in the SendResult, and the room says the input is off.
        var error = (await trollClient.SendMessageAsync(live.SessionId, "let me in")).ShouldBeError(403, "chat.banned");
        error.Str("detail").Should().Contain(reason);
        var rejoined = await trollClient.JoinLiveAsync(live.SessionId);
        rejoined.GetProperty("canSend").GetBoolean().Should().BeFalse();
        rejoined.Str("reason").Should().NotBeNullOrWhiteSpace();

        using (var response = await live.Owner.Client.GetAsync($"/api/v1/channels/{Channel}/bans"))
        {
            var bans = (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().ToList();
            var listed = bans.Should().ContainSingle(b => b.GetProperty("user").Str("username") == troll.Username).Subject;
            listed.Str("reason").Should().Be(reason);
            listed.GetProperty("by").Str("username").Should().Be(Channel);
        }
        using (var response = await troll.Client.GetAsync($"/api/v1/channels/{Channel}/bans"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the owner, moderators and admins read the bans");
        }

        using (var lift = await live.Owner.Client.DeleteAsync($"/api/v1/channels/{Channel}/bans/{troll.Username}"))
        {
            lift.StatusCode.Should().Be(HttpStatusCode.NoContent, await lift.Content.ReadAsStringAsync());
        }
        var back = ChatKit.Unique("back again");
        (await trollClient.SendMessageAsync(live.SessionId, back)).ShouldBeItem();
        await watcher.WaitForMessageAsync(back);
        using (var response = await live.Owner.Client.GetAsync($"/api/v1/channels/{Channel}/bans"))
        {
            (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray()
                .Should().NotContain(b => b.GetProperty("user").Str("username") == troll.Username, "the lifted ban is gone");
        }
    }

    [Fact]
    public async Task A_permanent_ban_has_no_end_and_a_banned_account_never_reaches_the_room()
    {
        await live.ResetSettingsAsync();
        var troll = await Host.RegisterAsync("perma");
        var friend = await Host.RegisterAsync("friend");
        var (watcher, _) = await Host.JoinLiveAsync(null, live.SessionId, "watcher");
        await using var _w = watcher;
        using (var response = await live.Owner.Client.BanAsync(Channel, troll.Username, "for good"))
        {
            (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).GetProperty("until").ValueKind.Should().Be(JsonValueKind.Null, "no duration: permanent");
        }
        (await watcher.WaitForAsync("banned", b => b.GetProperty("user").Str("username") == troll.Username, "the ban"))
            .GetProperty("until").ValueKind.Should().Be(JsonValueKind.Null);

        await using var trollClient = await Host.ConnectAsync(troll);
        var hidden = ChatKit.Unique("hidden");
        (await trollClient.SendMessageAsync(live.SessionId, hidden)).ShouldBeError(403, "chat.banned")
            .GetProperty("retryAfterSeconds").ValueKind.Should().Be(JsonValueKind.Null);
        using (var response = await troll.Client.PostMessageAsync(live.SessionId, hidden))
        {
            (await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "chat.banned")).GetProperty("until").ValueKind.Should().Be(JsonValueKind.Null);
        }
        var marker = ChatKit.Unique("marker");
        await friend.Client.PostMessageOkAsync(live.SessionId, marker);
        await watcher.WaitForMessageAsync(marker);
        watcher.Received("message").Should().NotContain(m => m.Str("text") == hidden);
    }

    [Fact]
    public async Task A_timed_ban_expires()
    {
        await live.ResetSettingsAsync();
        var troll = await Host.RegisterAsync("timed");
        DateTimeOffset until;
        using (var response = await live.Owner.Client.BanAsync(Channel, troll.Username, "cool down", durationSeconds: 3))
        {
            until = (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).GetProperty("until").GetDateTimeOffset();
        }
        using (var refused = await troll.Client.PostMessageAsync(live.SessionId, "too soon"))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "chat.banned");
        }

        // Waiting for the moment the server named is what a client does; after it the account may speak.
        var left = until - DateTimeOffset.UtcNow;
        left.Should().BeLessThan(TimeSpan.FromSeconds(10));
        await Task.Delay(left + TimeSpan.FromMilliseconds(300));
        await troll.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("after the ban"));
    }

    [Fact]
    public async Task Moderators_named_by_the_owner_can_ban_and_delete_and_a_non_owner_cannot_name_moderators()
    {
        await live.ResetSettingsAsync();
        var moderator = await Host.RegisterAsync("mod");
        var viewer = await Host.RegisterAsync("viewer");
        var stranger = await Host.RegisterAsync("stranger");

        // Before being named: no powers.
        using (var response = await moderator.Client.BanAsync(Channel, viewer.Username, "not yet"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        }
        (await live.Owner.Client.NameModeratorAsync(Channel, moderator.Username)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using (var response = await live.Owner.Client.GetAsync($"/api/v1/channels/{Channel}/moderators"))
        {
            (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().Select(m => m.Str("username")).Should().Contain(moderator.Username);
        }
        var (modClient, modRoom) = await Host.JoinLiveAsync(moderator, live.SessionId);
        await using var _m = modClient;
        modRoom.GetProperty("moderator").GetBoolean().Should().BeTrue("the page shows the moderator delete and ban controls");
        var (ownerClient, ownerRoom) = await Host.JoinLiveAsync(live.Owner, live.SessionId);
        await using var _o = ownerClient;
        ownerRoom.GetProperty("moderator").GetBoolean().Should().BeTrue("the owner moderates the channel");

        // Non-owners cannot name moderators: a moderator, a stranger, nobody.
        foreach (var who in new[] { moderator, stranger })
        {
            using var response = await who.Client.NameModeratorAsync(Channel, viewer.Username);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{who.Username} does not own the channel: {await response.Content.ReadAsStringAsync()}");
        }
        (await Host.Client.NameModeratorAsync(Channel, viewer.Username)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var response = await stranger.Client.DeleteAsync($"/api/v1/channels/{Channel}/moderators/{moderator.Username}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        // The moderator deletes a message and bans its author.
        var message = await viewer.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("rude"));
        using (var response = await moderator.Client.DeleteAsync($"/api/v1/messages/{message.Id()}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        }
        await ownerClient.WaitForAsync("deleted", d => d.Str("id") == message.Id(), "the moderator's deletion");
        using (var response = await moderator.Client.BanAsync(Channel, viewer.Username, "rude", durationSeconds: 300))
        {
            (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).GetProperty("by").Str("username").Should().Be(moderator.Username);
        }
        using (var response = await viewer.Client.PostMessageAsync(live.SessionId, "still here"))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "chat.banned");
        }

        // A moderator cannot ban the owner; a stranger cannot ban anyone.
        using (var response = await moderator.Client.BanAsync(Channel, Channel, "coup"))
        {
            response.IsSuccessStatusCode.Should().BeFalse("nobody bans the owner from their own channel");
        }
        using (var response = await stranger.Client.BanAsync(Channel, viewer.Username, "me too"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
        (await live.Owner.Client.PostMessageAsync(live.SessionId, ChatKit.Unique("owner still speaks"))).StatusCode.Should().Be(HttpStatusCode.Created);

        // Removed, the moderator loses the powers.
        using (var response = await live.Owner.Client.DeleteAsync($"/api/v1/channels/{Channel}/moderators/{moderator.Username}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        var another = await stranger.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("another"));
        using (var response = await moderator.Client.DeleteAsync($"/api/v1/messages/{another.Id()}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, "no longer a moderator");
        }
        using (var response = await live.Owner.Client.GetAsync($"/api/v1/channels/{Channel}/moderators"))
        {
            (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().Select(m => m.Str("username")).Should().NotContain(moderator.Username);
        }
    }

    [Fact]
    public async Task A_moderator_may_not_ban_another_moderator_but_the_owner_and_an_admin_may()
    {
        await live.ResetSettingsAsync();
        var first = await Host.RegisterAsync("moda");
        var second = await Host.RegisterAsync("modb");
        var plain = await Host.RegisterAsync("plain");
        foreach (var m in new[] { first, second })
        {
            (await live.Owner.Client.NameModeratorAsync(Channel, m.Username)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        using (var response = await first.Client.BanAsync(Channel, second.Username, "rival", 60))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a moderator cannot ban a moderator: " + await response.Content.ReadAsStringAsync());
        }
        using (var response = await live.Admin.Client.BanAsync(Channel, plain.Username, "admins moderate everywhere", 60))
        {
            (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).GetProperty("by").Str("username").Should().Be(live.Admin.Username);
        }
        using (var response = await live.Owner.Client.BanAsync(Channel, second.Username, "owner's call", 60))
        {
            await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        }
        foreach (var m in new[] { first, second })
        {
            await live.Owner.Client.DeleteAsync($"/api/v1/channels/{Channel}/moderators/{m.Username}");
        }
    }

    [Fact]
    public async Task Slow_mode_answers_429_with_the_wait_by_REST_and_hub()
    {
        await live.Owner.SetChatSettingsAsync(slowModeSeconds: 30);
        try
        {
            using (var response = await Host.Client.GetAsync($"/api/v1/channels/{Channel}/chat-settings"))
            {
                (await response.ShouldBeJsonAsync()).GetProperty("slowModeSeconds").GetInt32().Should().Be(30, "anyone may read the settings (the page shows them)");
            }
            var talker = await Host.RegisterAsync("slow");
            await talker.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("first"));
            using (var response = await talker.Client.PostMessageAsync(live.SessionId, "second"))
            {
                var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "chat.slow_mode");
                var wait = problem.GetProperty("retryAfterSeconds").GetInt32();
                wait.Should().BeInRange(1, 30);
                response.Headers.RetryAfter.Should().NotBeNull("Retry-After says the wait");
                response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().Be(wait);
            }
            await using var client = await Host.ConnectAsync(talker);
            var error = (await client.SendMessageAsync(live.SessionId, "third")).ShouldBeError(429, "chat.slow_mode");
            error.GetProperty("retryAfterSeconds").GetInt32().Should().BeInRange(1, 30);

            // Slow mode is per account: another viewer may speak at once.
            await (await Host.RegisterAsync("slow2")).Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("other"));
        }
        finally
        {
            await live.ResetSettingsAsync();
        }
    }

    [Fact]
    public async Task Slow_mode_lets_the_account_speak_again_once_the_wait_is_over()
    {
        await live.Owner.SetChatSettingsAsync(slowModeSeconds: 2);
        try
        {
            var talker = await Host.RegisterAsync("slowok");
            await talker.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("first"));
            int wait;
            using (var response = await talker.Client.PostMessageAsync(live.SessionId, "second"))
            {
                wait = (await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "chat.slow_mode")).GetProperty("retryAfterSeconds").GetInt32();
            }
            wait.Should().BeInRange(1, 2);
            await Task.Delay(TimeSpan.FromSeconds(wait) + TimeSpan.FromMilliseconds(200));
            await talker.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("after the wait"));
        }
        finally
        {
            await live.ResetSettingsAsync();
        }
    }

    [Fact]
    public async Task The_per_account_rate_limit_answers_429_rate_limited_with_the_wait_after_a_burst()
    {
        await live.ResetSettingsAsync();
        var fast = await Host.RegisterAsync("fast");
        await using var client = await Host.ConnectAsync(fast);
        var clock = Stopwatch.StartNew();
        var accepted = 0;
        JsonElement? refusal = null;
        for (var i = 0; i < 30 && refusal is null; i++)
        {
            var result = await client.SendMessageAsync(live.SessionId, $"burst {i}");
            if (result.GetProperty("error").ValueKind == JsonValueKind.Object)
            {
                refusal = result;
            }
            else
            {
                accepted++;
            }
        }
        var elapsed = clock.Elapsed;
        refusal.Should().NotBeNull("30 messages as fast as possible exceed any reasonable rate");
        var error = refusal!.Value.ShouldBeError(429, "chat.rate_limited");
        error.GetProperty("retryAfterSeconds").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        accepted.Should().BeGreaterThanOrEqualTo(5, "a burst of 5 is allowed");
        accepted.Should().BeLessThanOrEqualTo(5 + (int)Math.Ceiling(elapsed.TotalSeconds) + 1, "then about 1 per second");

        // REST shares the same budget and says the wait in Retry-After.
        using (var response = await fast.Client.PostMessageAsync(live.SessionId, "by rest too"))
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "chat.rate_limited");
            response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().Be(problem.GetProperty("retryAfterSeconds").GetInt32());
        }

        // Waiting as told is enough.
        await Task.Delay(TimeSpan.FromSeconds(error.GetProperty("retryAfterSeconds").GetInt32()) + TimeSpan.FromMilliseconds(200));
        (await client.SendMessageAsync(live.SessionId, ChatKit.Unique("patient"))).ShouldBeItem();
    }

    [Fact]
    public async Task Blocked_words_are_refused_with_422_case_insensitively_as_substrings()
    {
        await live.Owner.SetChatSettingsAsync(blockedWords: ["Spoiler", "badword"]);
        try
        {
            var viewer = await Host.RegisterAsync("words");
            var (watcher, _) = await Host.JoinLiveAsync(null, live.SessionId, "watcher");
            await using var _w = watcher;
            foreach (var text in new[] { "big SPOILER ahead", "this is a BadWord", "badwordy", "spoilers!" })
            {
                using var response = await viewer.Client.PostMessageAsync(live.SessionId, text);
                await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "chat.blocked_word");
            }
            await using var client = await Host.ConnectAsync(viewer);
            (await client.SendMessageAsync(live.SessionId, "no sPoIlEr please")).ShouldBeError(422, "chat.blocked_word").Str("detail").Should().NotBeNullOrWhiteSpace();

            var fine = ChatKit.Unique("a fine message");
            await viewer.Client.PostMessageOkAsync(live.SessionId, fine);
            await watcher.WaitForMessageAsync(fine);
            watcher.Received("message").Should().NotContain(m => m.Str("text").Contains("poiler", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            await live.ResetSettingsAsync();
        }
    }

    [Fact]
    public async Task A_minimum_account_age_refuses_newer_accounts_with_403_account_too_new()
    {
        await live.Owner.SetChatSettingsAsync(minAccountAgeMinutes: 60);
        try
        {
            var young = await Host.RegisterAsync("young");
            using (var response = await young.Client.PostMessageAsync(live.SessionId, "hi"))
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "chat.account_too_new");
            }
            await using (var client = await Host.ConnectAsync(young))
            {
                (await client.SendMessageAsync(live.SessionId, "hi")).ShouldBeError(403, "chat.account_too_new")
                    .GetProperty("retryAfterSeconds").GetInt32().Should().BeInRange(59 * 60, 60 * 60, "the error says when the account may chat");
            }

            var old = await Host.RegisterAsync("old");
            await Host.BackdateAccountAsync(old.Id, TimeSpan.FromMinutes(61));
            await old.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("old enough"));
        }
        finally
        {
            await live.ResetSettingsAsync();
        }
    }

    [Fact]
    public async Task Chat_settings_are_read_by_anyone_changed_by_the_owner_only_and_validated()
    {
        await live.ResetSettingsAsync();
        var stranger = await Host.RegisterAsync("nosy");
        var valid = new { slowModeSeconds = 5, followersOnly = false, minAccountAgeMinutes = 10, blockedWords = new[] { "abc" } };
        (await stranger.Client.PutChatSettingsAsync(Channel, valid)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Host.Client.PutChatSettingsAsync(Channel, valid)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        foreach (var (body, why) in new (object, string)[]
                 {
                     (new { slowModeSeconds = 3601, followersOnly = false, minAccountAgeMinutes = 0, blockedWords = Array.Empty<string>() }, "slow mode over an hour"),
                     (new { slowModeSeconds = -1, followersOnly = false, minAccountAgeMinutes = 0, blockedWords = Array.Empty<string>() }, "negative slow mode"),
                     (new { slowModeSeconds = 0, followersOnly = false, minAccountAgeMinutes = 525601, blockedWords = Array.Empty<string>() }, "account age over a year"),
                     (new { slowModeSeconds = 0, followersOnly = false, minAccountAgeMinutes = 0, blockedWords = new[] { new string('w', 51) } }, "a 51-character word"),
                     (new { slowModeSeconds = 0, followersOnly = false, minAccountAgeMinutes = 0, blockedWords = new[] { "" } }, "an empty word"),
                     (new { slowModeSeconds = 0, followersOnly = false, minAccountAgeMinutes = 0, blockedWords = Enumerable.Range(0, 201).Select(i => $"w{i}").ToArray() }, "201 words"),
                 })
        {
            using var response = await live.Owner.Client.PutChatSettingsAsync(Channel, body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{why}: {await response.Content.ReadAsStringAsync()}");
        }

        using (var put = await live.Owner.Client.PutChatSettingsAsync(Channel, valid))
        {
            put.IsSuccessStatusCode.Should().BeTrue(await put.Content.ReadAsStringAsync());
        }
        using (var get = await Host.Client.GetAsync($"/api/v1/channels/{Channel}/chat-settings"))
        {
            var settings = await get.ShouldBeJsonAsync();
            settings.GetProperty("slowModeSeconds").GetInt32().Should().Be(5);
            settings.GetProperty("minAccountAgeMinutes").GetInt32().Should().Be(10);
            settings.GetProperty("followersOnly").GetBoolean().Should().BeFalse();
        }
        using (var get = await live.Owner.Client.GetAsync($"/api/v1/channels/{Channel}/chat-settings"))
        {
            (await get.ShouldBeJsonAsync()).GetProperty("blockedWords").EnumerateArray().Select(w => w.GetString()).Should().Equal("abc");
        }
        await live.ResetSettingsAsync();
    }

    [Fact]
    public async Task Reports_of_messages_are_taken_from_signed_in_accounts()
    {
        await live.ResetSettingsAsync();
        var author = await Host.RegisterAsync("reported");
        var reporter = await Host.RegisterAsync("reporter");
        var message = await author.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("offensive"));
        using (var response = await reporter.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "message", targetId = message.Id(), reason = "insults" }))
        {
            (await response.ShouldBeJsonAsync(HttpStatusCode.Created)).Str("id").Should().NotBeNullOrEmpty();
        }
        using (var response = await Host.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "message", targetId = message.Id(), reason = "insults" }))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        using (var response = await reporter.Client.PostAsJsonAsync("/api/v1/reports", new { targetType = "spaceship", targetId = message.Id(), reason = "?" }))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Every_moderation_action_is_logged_for_the_owner()
    {
        await live.ResetSettingsAsync();
        var target = await Host.RegisterAsync("logged");
        var moderator = await Host.RegisterAsync("logmod");
        (await live.Owner.Client.NameModeratorAsync(Channel, moderator.Username)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var message = await target.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("log me"));
        (await moderator.Client.DeleteAsync($"/api/v1/messages/{message.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await moderator.Client.BanAsync(Channel, target.Username, "logged reason", 60)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await live.Owner.Client.DeleteAsync($"/api/v1/channels/{Channel}/bans/{target.Username}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        using (var response = await live.Owner.Client.GetAsync($"/api/v1/channels/{Channel}/moderation-log"))
        {
            var items = (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().ToList();
            var mine = items.Where(i => i.GetRawText().Contains(target.Username, StringComparison.Ordinal) || i.GetRawText().Contains(message.Id(), StringComparison.Ordinal)).ToList();
            mine.Should().HaveCountGreaterThanOrEqualTo(3, $"the deletion, the ban and the unban are logged: {string.Join("\n", items.Select(i => i.GetRawText()))}");
            mine.Select(i => i.GetProperty("actor").Str("username")).Should().Contain([moderator.Username, Channel]);
            mine.Should().Contain(i => i.GetProperty("reason").ValueKind == JsonValueKind.String && i.Str("reason").Contains("logged reason"), "the ban's reason is kept");
            mine.Select(i => i.Str("action")).Distinct().Should().HaveCountGreaterThanOrEqualTo(3, "three different actions");
        }
        using (var response = await target.Client.GetAsync($"/api/v1/channels/{Channel}/moderation-log"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
        await live.Owner.Client.DeleteAsync($"/api/v1/channels/{Channel}/moderators/{moderator.Username}");
    }

    [Fact]
    public async Task The_room_state_says_a_too_new_account_cannot_send_and_why()
    {
        await live.Owner.SetChatSettingsAsync(minAccountAgeMinutes: 60);
        try
        {
            await using var client = await Host.ConnectAsync(await Host.RegisterAsync("young"));
            var room = await client.JoinLiveAsync(live.SessionId);
            room.GetProperty("canSend").GetBoolean().Should().BeFalse("the page would offer an input every send of which is refused (403 chat.account_too_new)");
            room.Str("reason").Should().NotBeNullOrWhiteSpace();
        }
        finally
        {
            await live.ResetSettingsAsync();
        }
    }

    [Fact]
    public async Task Refusals_by_REST_say_why_in_the_problem_detail()
    {
        await live.Owner.SetChatSettingsAsync(blockedWords: ["verboten"]);
        try
        {
            var troll = await Host.RegisterAsync("detail");
            using (var response = await troll.Client.PostMessageAsync(live.SessionId, "verboten words"))
            {
                (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "chat.blocked_word")).TryGetProperty("detail", out var detail)
                    .Should().BeTrue("the contract: the problem's detail says why");
                detail.GetString().Should().Contain("verboten");
            }
            (await live.Owner.Client.BanAsync(Channel, troll.Username, "the reason given", 600)).StatusCode.Should().Be(HttpStatusCode.Created);
            using (var response = await troll.Client.PostMessageAsync(live.SessionId, "hello"))
            {
                var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "chat.banned");
                problem.TryGetProperty("detail", out var detail).Should().BeTrue($"the contract: 403 chat.banned's detail says until when and why: {problem.GetRawText()}");
                detail.GetString().Should().Contain("the reason given");
            }
        }
        finally
        {
            await live.ResetSettingsAsync();
        }
    }
}
