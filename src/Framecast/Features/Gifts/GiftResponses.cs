using Framecast.Features.Accounts;

namespace Framecast.Features.Gifts;

public sealed record GiftResponse(string Id, string Name, long PriceCoins, string? ImageUrl, bool Active)
{
    public static GiftResponse From(Gift gift) => new(gift.Id, gift.Name, gift.PriceCoins, gift.ImageUrl, gift.Active);
}

/// <summary>The whole catalogue in the list envelope of API.md (it is short: never a next page).</summary>
public sealed record GiftCatalogResponse(IReadOnlyList<GiftResponse> Items)
{
    public string? NextCursor => null;
}

public sealed record SendGiftRequest(string? GiftId, int Count, string? IdempotencyKey);

public sealed record GiftRef(string Id, string Name, string? ImageUrl, long PriceCoins);

/// <summary>The answer to the sender (with their balance after the send); the same again for a retried idempotency key.</summary>
public sealed record GiftSendResponse(string Id, string? SessionId, string? VideoId, GiftRef Gift, int Count, long TotalCoins, long BalanceCoins,
    UserRef Sender, DateTime CreatedAt);

public sealed record UserRef(string Username);

/// <summary>What a room hears (the hub's <c>gift</c> event) and what the recent-gifts list holds.</summary>
public sealed record GiftEvent(string Id, string? SessionId, string? VideoId, UserRef Sender, GiftRef Gift, int Count, long TotalCoins, DateTime CreatedAt);

public sealed record GifterResponse(UserRef User, long TotalCoins, int Gifts);

public sealed record LeaderboardResponse(IReadOnlyList<GifterResponse> Items);

public sealed record CreateGiftRequest(string? Name, long PriceCoins, string? ImageUrl);

public sealed record UpdateGiftRequest(string? Name, long? PriceCoins, string? ImageUrl, bool? Active);
