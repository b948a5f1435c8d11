using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Framecast.Tests.Features.Chat;

/// <summary>
/// A live session's chat over the hub (/hubs/live, .NET SignalR client on WebSockets) and REST: signed-in viewers
/// exchange messages, anonymous viewers receive only, messages are stored and listed, deleted for everyone at once,
/// and whatever text is sent comes back as the same text.
/// </summary>
public sealed class LiveChatTests(ChatLiveFixture live) : IClassFixture<ChatLiveFixture>
{
    private TestHost Host => live.Host;

    [Fact]
    public async Task Two_signed_in_clients_in_one_room_exchange_messages()
    {
        var alice = await Host.RegisterAsync("alice");
        var bob = await Host.RegisterAsync("bob");
        var (a, roomA) = await Host.JoinLiveAsync(alice, live.SessionId);
        await using var _ = a;
        var (b, roomB) = await Host.JoinLiveAsync(bob, live.SessionId);
        await using var __ = b;
        foreach (var room in new[] { roomA, roomB })
        {
            room.Str("room").Should().Be($"live:{live.SessionId}");
            room.GetProperty("canSend").GetBoolean().Should().BeTrue(room.GetRawText());
            room.GetProperty("moderator").GetBoolean().Should().BeFalse("a viewer moderates nothing");
        }

        var hello = ChatKit.Unique("hello from alice");
        var sent = (await a.SendMessageAsync(live.SessionId, hello)).ShouldBeItem();
        sent.Str("text").Should().Be(hello);
        sent.Str("sessionId").Should().Be(live.SessionId);
        sent.GetProperty("author").Str("id").Should().Be(alice.Id);
        sent.GetProperty("author").Str("username").Should().Be(alice.Username);
        sent.Str("mode").Should().Be("scroll", "scroll is the default mode");
        sent.Str("color").Should().Be("#ffffff", "white is the default colour");
        sent.GetProperty("sentAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        sent.GetProperty("offsetMs").GetInt64().Should().BeGreaterThanOrEqualTo(0);

        var atBob = await b.WaitForMessageAsync(hello);
        atBob.Id().Should().Be(sent.Id());
        atBob.GetProperty("author").Str("username").Should().Be(alice.Username);
        (await a.WaitForMessageAsync(hello)).Id().Should().Be(sent.Id(), "the sender receives its own item as a normal event");

        var reply = ChatKit.Unique("reply from bob");
        var replied = (await b.SendMessageAsync(live.SessionId, reply, mode: "top", color: "#fe0302")).ShouldBeItem();
        var atAlice = await a.WaitForMessageAsync(reply);
        atAlice.Id().Should().Be(replied.Id());
        atAlice.Str("mode").Should().Be("top");
        atAlice.Str("color").Should().Be("#fe0302");
        atAlice.GetProperty("author").Str("username").Should().Be(bob.Username);
        a.Received("message").Count(m => m.Str("text") == reply).Should().Be(1, "each message arrives once");

        // Both are stored: the REST list has them, oldest first.
        var items = (await Host.Client.MessagesAsync(live.SessionId, "?limit=100")).GetProperty("items").EnumerateArray().ToList();
        var ids = items.Select(m => m.Id()).ToList();
        ids.Should().Contain([sent.Id(), replied.Id()]);
        ids.IndexOf(sent.Id()).Should().BeLessThan(ids.IndexOf(replied.Id()), "oldest first");
        items.Single(m => m.Id() == replied.Id()).Str("color").Should().Be("#fe0302");
    }

    [Fact]
    public async Task A_message_posted_by_REST_reaches_the_room_and_its_sender()
    {
        var carol = await Host.RegisterAsync("carol");
        var (watcher, _) = await Host.JoinLiveAsync(null, live.SessionId);
        await using var _w = watcher;
        var (own, _) = await Host.JoinLiveAsync(carol, live.SessionId);
        await using var _o = own;
        var text = ChatKit.Unique("by rest");

        var posted = await carol.Client.PostMessageOkAsync(live.SessionId, text, "bottom", "#4266be");

        posted.Str("text").Should().Be(text);
        posted.Str("mode").Should().Be("bottom");
        posted.Str("color").Should().Be("#4266be");
        (await watcher.WaitForMessageAsync(text)).Id().Should().Be(posted.Id());
        (await own.WaitForMessageAsync(text)).Id().Should().Be(posted.Id());
    }

    [Fact]
    public async Task An_anonymous_client_receives_but_cannot_send()
    {
        var dave = await Host.RegisterAsync("dave");
        var (anonymous, room) = await Host.JoinLiveAsync(null, live.SessionId, "anonymous");
        await using var _a = anonymous;
        var (signedIn, _) = await Host.JoinLiveAsync(dave, live.SessionId);
        await using var _s = signedIn;
        room.GetProperty("canSend").GetBoolean().Should().BeFalse("sending needs an account");
        room.Str("reason").Should().NotBeNullOrWhiteSpace("the page says why the input is off");
        room.GetProperty("moderator").GetBoolean().Should().BeFalse();

        var text = ChatKit.Unique("for everyone");
        (await signedIn.SendMessageAsync(live.SessionId, text)).ShouldBeItem();
        (await anonymous.WaitForMessageAsync(text)).GetProperty("author").Str("username").Should().Be(dave.Username);

        var sneaky = ChatKit.Unique("anonymous says");
        var refused = (await anonymous.SendMessageAsync(live.SessionId, sneaky)).ShouldBeError(401, "auth.required");
        refused.Str("detail").Should().NotBeNullOrWhiteSpace();
        using (var rest = await Host.Client.PostMessageAsync(live.SessionId, sneaky))
        {
            rest.StatusCode.Should().Be(HttpStatusCode.Unauthorized, await rest.Content.ReadAsStringAsync());
        }

        // The room's order proves the refused text was never broadcast: a later message arrives, it did not.
        var after = ChatKit.Unique("after");
        (await signedIn.SendMessageAsync(live.SessionId, after)).ShouldBeItem();
        await anonymous.WaitForMessageAsync(after);
        await signedIn.WaitForMessageAsync(after);
        anonymous.Received("message").Should().NotContain(m => m.Str("text") == sneaky);
        signedIn.Received("message").Should().NotContain(m => m.Str("text") == sneaky);
        (await Host.Client.MessagesAsync(live.SessionId, "?limit=100")).GetProperty("items").EnumerateArray()
            .Should().NotContain(m => m.Str("text") == sneaky, "nothing was stored");
    }

    [Fact]
    public async Task Joining_a_session_that_does_not_exist_is_refused_with_live_not_found()
    {
        await using var client = await Host.ConnectAsync(null, "anonymous");
        var join = () => client.JoinLiveAsync("no-such-session-" + Guid.NewGuid().ToString("N"));
        (await join.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("live.not_found");
        client.Connection.State.Should().Be(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, "a refused join does not close the connection");
    }

    [Fact]
    public async Task A_client_that_left_the_room_receives_nothing_more_from_it()
    {
        var erin = await Host.RegisterAsync("erin");
        var (stays, _) = await Host.JoinLiveAsync(null, live.SessionId, "stays");
        await using var _s = stays;
        var (leaves, _) = await Host.JoinLiveAsync(null, live.SessionId, "leaves");
        await using var _l = leaves;
        await leaves.LeaveLiveAsync(live.SessionId);

        var text = ChatKit.Unique("after leaving");
        await erin.Client.PostMessageOkAsync(live.SessionId, text);
        await stays.WaitForMessageAsync(text);
        // A message to a client that is still connected would have arrived with the one to `stays` or before the
        // round trip below (one connection's frames are in order).
        await leaves.LeaveLiveAsync(live.SessionId);
        leaves.Received("message").Should().NotContain(m => m.Str("text") == text);
    }

    [Fact]
    public async Task Message_text_is_trimmed_and_validated_as_1_to_200_characters_with_palette_colours_and_modes_as_400_problems()
    {
        var frank = await Host.RegisterAsync("frank");
        var max = new string('x', 199) + "y";
        (await frank.Client.PostMessageOkAsync(live.SessionId, "  " + max + "  ")).Str("text").Should().Be(max, "200 characters after trimming are allowed");
        foreach (var (body, why) in new (object Body, string Why)[]
                 {
                     (new { text = "" }, "empty"),
                     (new { text = "   \t  " }, "blank after trimming"),
                     (new { text = new string('z', 201) }, "201 characters"),
                     (new { text = "hi", color = "#123456" }, "a colour outside the palette"),
                     (new { text = "hi", color = "red" }, "not a colour"),
                     (new { text = "hi", mode = "diagonal" }, "an unknown mode"),
                 })
        {
            using var response = await frank.Client.PostAsJsonAsync($"/api/v1/live/{live.SessionId}/messages", body);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{why}: {text}");
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", why);
        }

        // By the hub, from another account (whether refused sends count towards the rate limit is not this test's business).
        await using var client = await Host.ConnectAsync(await Host.RegisterAsync("frank2"));
        var result = await client.SendMessageAsync(live.SessionId, new string('z', 201));
        result.GetProperty("item").ValueKind.Should().Be(JsonValueKind.Null, result.GetRawText());
        result.GetProperty("error").GetProperty("status").GetInt32().Should().Be(400, result.GetRawText());
        (await client.SendMessageAsync(live.SessionId, "hi", color: "#000000")).GetProperty("error").GetProperty("status").GetInt32().Should().Be(400);
    }

    [Fact]
    public async Task The_palette_is_published()
    {
        using var response = await Host.Client.GetAsync("/api/v1/chat/palette");
        var palette = await response.ShouldBeJsonAsync();
        palette.GetProperty("colors").EnumerateArray().Select(c => c.GetString()).Should().BeEquivalentTo(ChatKit.Palette);
        palette.GetProperty("modes").EnumerateArray().Select(c => c.GetString()).Should().BeEquivalentTo(["scroll", "top", "bottom"]);
        palette.GetProperty("sizes").EnumerateArray().Select(c => c.GetString()).Should().BeEquivalentTo(["small", "normal", "large"]);
        palette.GetProperty("maxLength").GetInt32().Should().Be(200);
    }

    [Fact]
    public async Task The_message_list_gives_the_latest_oldest_first_and_a_cursor_to_older_ones()
    {
        var gina = await Host.RegisterAsync("gina");
        var texts = new List<string>();
        await using var client = await Host.ConnectAsync(gina);
        for (var i = 1; i <= 5; i++)
        {
            var text = $"page {i} {Guid.NewGuid():N}";
            texts.Add(text);
            var result = await client.SendMessageAsync(live.SessionId, text);
            if (result.GetProperty("error").ValueKind == JsonValueKind.Object)
            {
                // The rate limit (a burst of 5) is not what this test is about: wait as told and send again.
                var wait = result.GetProperty("error").GetProperty("retryAfterSeconds").GetInt32();
                await Task.Delay(TimeSpan.FromSeconds(wait));
                (await client.SendMessageAsync(live.SessionId, text)).ShouldBeItem();
            }
        }

        var first = await Host.Client.MessagesAsync(live.SessionId, "?limit=2");
        first.GetProperty("items").EnumerateArray().Select(m => m.Str("text")).Should().Equal(texts[3], texts[4]);
        var cursor = first.GetProperty("nextCursor").GetString();
        cursor.Should().NotBeNullOrEmpty("there are older messages");
        var second = await Host.Client.MessagesAsync(live.SessionId, $"?limit=2&cursor={Uri.EscapeDataString(cursor!)}");
        second.GetProperty("items").EnumerateArray().Select(m => m.Str("text")).Should().Equal(texts[1], texts[2]);
        var third = await Host.Client.MessagesAsync(live.SessionId, $"?limit=2&cursor={Uri.EscapeDataString(second.GetProperty("nextCursor").GetString()!)}");
        third.GetProperty("items").EnumerateArray().Last().Str("text").Should().Be(texts[0]);

        var all = (await Host.Client.MessagesAsync(live.SessionId)).GetProperty("items").GetArrayLength();
        all.Should().BeLessThanOrEqualTo(50, "50 by default");
        (await Host.Client.MessagesAsync(live.SessionId, "?limit=1000")).GetProperty("items").GetArrayLength().Should().BeLessThanOrEqualTo(100, "100 at most");
    }

    [Fact]
    public async Task Deleting_a_message_reaches_every_client_and_it_is_gone_from_REST()
    {
        var author = await Host.RegisterAsync("author");
        var other = await Host.RegisterAsync("other");
        var (a, _) = await Host.JoinLiveAsync(author, live.SessionId);
        await using var _a = a;
        var (o, _) = await Host.JoinLiveAsync(other, live.SessionId);
        await using var _o = o;
        var (anonymous, _) = await Host.JoinLiveAsync(null, live.SessionId, "anonymous");
        await using var _n = anonymous;
        var text = ChatKit.Unique("to be deleted");
        var message = (await a.SendMessageAsync(live.SessionId, text)).ShouldBeItem();
        foreach (var client in new[] { a, o, anonymous })
        {
            await client.WaitForMessageAsync(text);
        }

        using (var delete = await live.Owner.Client.DeleteAsync($"/api/v1/messages/{message.Id()}"))
        {
            delete.StatusCode.Should().Be(HttpStatusCode.NoContent, await delete.Content.ReadAsStringAsync());
        }

        foreach (var client in new[] { a, o, anonymous })
        {
            var deleted = await client.WaitForAsync("deleted", d => d.Str("id") == message.Id(), "the deletion");
            deleted.Str("kind").Should().Be("message");
            deleted.Str("sessionId").Should().Be(live.SessionId);
            deleted.GetProperty("videoId").ValueKind.Should().Be(JsonValueKind.Null);
        }
        (await Host.Client.MessagesAsync(live.SessionId, "?limit=100")).GetProperty("items").EnumerateArray()
            .Should().NotContain(m => m.Id() == message.Id(), "a deleted message is gone from the list");
        using (var again = await live.Owner.Client.DeleteAsync($"/api/v1/messages/{message.Id()}"))
        {
            again.StatusCode.Should().Be(HttpStatusCode.NotFound, "it is gone");
        }
    }

    [Fact]
    public async Task Only_the_author_the_owner_a_moderator_or_an_admin_may_delete_a_message()
    {
        var author = await Host.RegisterAsync("auth");
        var stranger = await Host.RegisterAsync("strng");
        var moderator = await Host.RegisterAsync("modr");
        (await live.Owner.Client.NameModeratorAsync(live.Owner.Username, moderator.Username)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var (watcher, _) = await Host.JoinLiveAsync(null, live.SessionId, "watcher");
        await using var _w = watcher;

        async Task<string> PostAsync() => (await author.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("deletable"))).Id();

        var target = await PostAsync();
        using (var response = await stranger.Client.DeleteAsync($"/api/v1/messages/{target}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, "another viewer may not delete: " + await response.Content.ReadAsStringAsync());
        }
        using (var response = await Host.Client.DeleteAsync($"/api/v1/messages/{target}"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        (await Host.Client.MessagesAsync(live.SessionId, "?limit=100")).GetProperty("items").EnumerateArray()
            .Should().Contain(m => m.Id() == target, "refused deletions delete nothing");

        foreach (var (who, label) in new[] { (author, "its author"), (live.Owner, "the channel's owner"), (moderator, "a moderator"), (live.Admin, "an admin") })
        {
            var id = await PostAsync();
            using var response = await who.Client.DeleteAsync($"/api/v1/messages/{id}");
            response.StatusCode.Should().Be(HttpStatusCode.NoContent, $"{label} may delete: {await response.Content.ReadAsStringAsync()}");
            await watcher.WaitForAsync("deleted", d => d.Str("id") == id, $"the deletion by {label}");
        }
        (await author.Client.DeleteAsync($"/api/v1/messages/no-such-{Guid.NewGuid():N}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Attack_strings_come_back_verbatim_as_data_by_hub_and_REST()
    {
        var mallory = await Host.RegisterAsync("mallory");
        var (sender, _) = await Host.JoinLiveAsync(mallory, live.SessionId);
        await using var _s = sender;
        var (watcher, _) = await Host.JoinLiveAsync(null, live.SessionId, "watcher");
        await using var _w = watcher;
        var ids = new Dictionary<string, string>();
        foreach (var xss in ChatKit.XssStrings)
        {
            var result = await sender.SendMessageAsync(live.SessionId, xss);
            if (result.GetProperty("error").ValueKind == JsonValueKind.Object && result.GetProperty("error").GetProperty("status").GetInt32() == 429)
            {
                await Task.Delay(TimeSpan.FromSeconds(result.GetProperty("error").GetProperty("retryAfterSeconds").GetInt32()));
                result = await sender.SendMessageAsync(live.SessionId, xss);
            }
            var item = result.ShouldBeItem();
            item.Str("text").Should().Be(xss, "the text is stored and echoed as it was sent");
            ids[xss] = item.Id();
            (await watcher.WaitForAsync("message", m => m.Id() == item.Id(), "the attack string")).Str("text").Should().Be(xss);
        }

        using var response = await Host.Client.GetAsync($"/api/v1/live/{live.SessionId}/messages?limit=100");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "data, never a page");
        var items = (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        foreach (var (xss, id) in ids)
        {
            items.Single(m => m.Id() == id).Str("text").Should().Be(xss, "REST carries the raw text: nothing server-side makes it HTML or escapes it twice");
        }
    }

    [Fact]
    public async Task A_token_in_the_query_string_signs_in_on_the_hub_only()
    {
        var quinn = await Host.RegisterAsync("quinn");
        // What browsers' WebSockets do (no header): ?access_token= on /hubs/*.
        var connection = new Microsoft.AspNetCore.SignalR.Client.HubConnectionBuilder()
            .WithUrl(new Uri(Host.Address, $"/hubs/live?access_token={Uri.EscapeDataString(quinn.Token)}"), Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets)
            .Build();
        await using (connection)
        {
            await connection.StartAsync();
            var room = await connection.InvokeAsync<JsonElement>("JoinLive", live.SessionId);
            room.GetProperty("canSend").GetBoolean().Should().BeTrue("the query token signed the connection in");
            var text = ChatKit.Unique("by query token");
            (await connection.InvokeAsync<JsonElement>("SendMessage", live.SessionId, new { text })).ShouldBeItem()
                .GetProperty("author").Str("username").Should().Be(quinn.Username);
        }

        // Anywhere else a token in the URL is not a credential (it would end up in logs and Referer headers).
        using var me = await Host.Client.GetAsync($"/api/v1/me?access_token={Uri.EscapeDataString(quinn.Token)}");
        me.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var post = await Host.Client.PostAsJsonAsync($"/api/v1/live/{live.SessionId}/messages?access_token={Uri.EscapeDataString(quinn.Token)}", new { text = "sneaky" });
        post.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_connection_joins_a_bounded_number_of_rooms()
    {
        var owner = await Host.RegisterAsync("rooms");
        await using var client = await Host.ConnectAsync(null, "collector");
        var joined = 0;
        HubException? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var videoId = await Host.CreateVideoAsync(owner, seconds: 10);
            try
            {
                await client.JoinVideoAsync(videoId);
                joined++;
            }
            catch (HubException e)
            {
                refused = e;
            }
        }
        refused.Should().NotBeNull("one connection may not listen to every room of the site");
        refused!.Message.Should().Contain("chat.too_many_rooms");
        joined.Should().BeGreaterThanOrEqualTo(2, "a page needs one or two rooms");
        client.Connection.State.Should().Be(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected);
        (await client.JoinLiveAsync(live.SessionId).ContinueWith(t => t.IsFaulted)).Should().BeTrue("still full");
    }

    [Fact]
    public async Task A_live_room_hears_the_viewer_count()
    {
        var (client, room) = await Host.JoinLiveAsync(null, live.SessionId, "counter");
        await using var _ = client;
        room.GetProperty("viewers").ValueKind.Should().Be(JsonValueKind.Number);
        var viewers = await client.WaitForAsync("viewers", v => v.Str("sessionId") == live.SessionId, "the viewer count (every ~5 s)", TimeSpan.FromSeconds(20));
        viewers.GetProperty("viewers").GetInt32().Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task The_messages_of_an_unknown_session_are_404()
    {
        var viewer = await Host.RegisterAsync("lost");
        using (var response = await Host.Client.GetAsync($"/api/v1/live/nosuchsession/messages"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        using (var response = await viewer.Client.PostMessageAsync("nosuchsession", "hello?"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        await using var client = await Host.ConnectAsync(viewer);
        (await client.SendMessageAsync("nosuchsession", "hello?")).ShouldBeError(404, "live.not_found");
    }
}
