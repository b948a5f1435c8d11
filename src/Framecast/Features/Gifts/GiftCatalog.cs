using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Gifts;

/// <summary>The gifts viewers can send, kept by admins: name, price, image, active.</summary>
public sealed class GiftCatalog(FramecastDbContext db, TimeProvider clock)
{
    public const int MaxNameLength = 40;
    public const int MaxImageUrlLength = 500;
    public const long MaxPriceCoins = 1_000_000;

    public async Task<IReadOnlyList<GiftResponse>> ListAsync(bool includeRetired, CancellationToken cancellationToken) =>
        (await db.Set<Gift>().AsNoTracking().Where(g => includeRetired || g.Active).ToListAsync(cancellationToken))
        .OrderBy(g => g.PriceCoins).ThenBy(g => g.Name, StringComparer.Ordinal).Select(GiftResponse.From).ToList();

    public Task<Gift?> FindAsync(string? id, CancellationToken cancellationToken) =>
        Ids.IsValid(id) ? db.Set<Gift>().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) : Task.FromResult<Gift?>(null);

    public async Task<(Gift? Gift, Dictionary<string, string[]> Errors)> CreateAsync(CreateGiftRequest request, CancellationToken cancellationToken)
    {
        var errors = Validate(request.Name, request.PriceCoins, request.ImageUrl);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var gift = new Gift { Id = Ids.New(), Name = request.Name!.Trim(), PriceCoins = request.PriceCoins, ImageUrl = Blank(request.ImageUrl), CreatedAt = clock.UtcNowMicros() };
        db.Add(gift);
        await db.SaveChangesAsync(cancellationToken);
        return (gift, errors);
    }

    public async Task<(Gift? Gift, Dictionary<string, string[]> Errors)> UpdateAsync(string id, UpdateGiftRequest request, CancellationToken cancellationToken)
    {
        var gift = await FindAsync(id, cancellationToken);
        if (gift is null)
        {
            return (null, []);
        }
        var errors = Validate(request.Name ?? gift.Name, request.PriceCoins ?? gift.PriceCoins, request.ImageUrl ?? gift.ImageUrl);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        gift.Name = request.Name?.Trim() ?? gift.Name;
        gift.PriceCoins = request.PriceCoins ?? gift.PriceCoins;
        gift.ImageUrl = request.ImageUrl is null ? gift.ImageUrl : Blank(request.ImageUrl);
        gift.Active = request.Active ?? gift.Active;
        await db.SaveChangesAsync(cancellationToken);
        return (gift, errors);
    }

    /// <summary>Retires the gift: it leaves the catalogue, and the sends that used it keep their history.</summary>
    public async Task<bool> RetireAsync(string id, CancellationToken cancellationToken)
    {
        var gift = await FindAsync(id, cancellationToken);
        if (gift is null)
        {
            return false;
        }
        gift.Active = false;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static Dictionary<string, string[]> Validate(string? name, long price, string? imageUrl)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > MaxNameLength || trimmed.Any(char.IsControl))
        {
            errors["name"] = [$"A gift's name is 1–{MaxNameLength} characters of text."];
        }
        if (price is < 1 or > MaxPriceCoins)
        {
            errors["priceCoins"] = [$"A gift costs 1 to {MaxPriceCoins} coins."];
        }
        if (Blank(imageUrl) is { } url && !IsImageUrl(url))
        {
            errors["imageUrl"] = [$"The image is a site path (/img/...) or an https:// address, at most {MaxImageUrlLength} characters."];
        }
        return errors;
    }

    /// <summary>A path on this site or an https address: never javascript:, data: or a protocol-relative //host.</summary>
    private static bool IsImageUrl(string url) =>
        url.Length <= MaxImageUrlLength && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '<' or '>' or '\\')
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
