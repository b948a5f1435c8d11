using System.Globalization;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Media;
using Framecast.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Processing;

/// <summary>
/// A channel's watermark: a PNG (checked by ffprobe as nothing but a PNG) kept in media storage, and where and how
/// strongly it is burned into the channel's new videos. Videos uploaded before a change keep what they have.
/// </summary>
public sealed class WatermarkService(FramecastDbContext db, IBlobStore blobs, FfprobeClient probe, TimeProvider clock)
{
    public const long MaxBytes = 1024 * 1024;
    public const int MaxSide = 4096;

    public Task<ChannelWatermark?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<ChannelWatermark>().AsNoTracking().FirstOrDefaultAsync(w => w.UserId == userId, cancellationToken);

    /// <summary>Sets the watermark (a new PNG, new settings, or both); the errors by field when something is wrong.</summary>
    public async Task<Dictionary<string, string[]>> SaveAsync(string userId, Stream? png, string? position, string? opacity, string? widthPercent, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var existing = await db.Set<ChannelWatermark>().FirstOrDefaultAsync(w => w.UserId == userId, cancellationToken);
        var mark = existing ?? new ChannelWatermark { UserId = userId };
        if (position is not null)
        {
            if (WatermarkPositions.Parse(position) is { } parsed)
            {
                mark.Position = parsed;
            }
            else
            {
                errors["position"] = [$"Use one of {string.Join(", ", WatermarkPositions.Names)}."];
            }
        }
        if (opacity is not null)
        {
            if (double.TryParse(opacity, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0.1 and <= 1)
            {
                mark.Opacity = Math.Round(value, 2);
            }
            else
            {
                errors["opacity"] = ["Use a number from 0.1 (faint) to 1 (as drawn)."];
            }
        }
        if (widthPercent is not null)
        {
            if (int.TryParse(widthPercent, CultureInfo.InvariantCulture, out var percent) && percent is >= 5 and <= 50)
            {
                mark.WidthPercent = percent;
            }
            else
            {
                errors["widthPercent"] = ["Use a whole number from 5 to 50 (percent of the video's width)."];
            }
        }
        if (png is null && existing is null)
        {
            errors["file"] = ["Choose a PNG image for the watermark."];
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        if (png is not null && await StorePngAsync(userId, png, cancellationToken) is { } fileError)
        {
            errors["file"] = [fileError];
            return errors;
        }
        mark.UpdatedAt = clock.UtcNowMicros();
        if (existing is null)
        {
            db.Add(mark);
        }
        await db.SaveChangesAsync(cancellationToken);
        return errors;
    }

    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        var removed = await db.Set<ChannelWatermark>().Where(w => w.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await blobs.DeletePrefixAsync(ChannelWatermark.BlobKeyOf(userId), cancellationToken);
        return removed == 1;
    }

    /// <summary>The PNG file of a channel's watermark, if it has one.</summary>
    public async Task<string?> PngPathAsync(string userId, CancellationToken cancellationToken) =>
        (await StoredAsync(userId, cancellationToken))?.Path;

    /// <summary>What to burn into a video of <paramref name="ownerId"/>'s, or null when the channel has no watermark.</summary>
    public async Task<WatermarkOverlay?> OverlayForAsync(string ownerId, CancellationToken cancellationToken)
    {
        if (await StoredAsync(ownerId, cancellationToken) is not { } stored)
        {
            return null;
        }
        var (mark, path) = stored;
        var right = mark.Position is WatermarkPosition.TopRight or WatermarkPosition.BottomRight;
        var bottom = mark.Position is WatermarkPosition.BottomLeft or WatermarkPosition.BottomRight;
        return new WatermarkOverlay(path, right, bottom, mark.Opacity, mark.WidthPercent);
    }

    private async Task<(ChannelWatermark Mark, string Path)?> StoredAsync(string userId, CancellationToken cancellationToken) =>
        await FindAsync(userId, cancellationToken) is { } mark && await blobs.ExistsAsync(mark.BlobKey, cancellationToken)
            ? (mark, await blobs.GetLocalPathAsync(mark.BlobKey, cancellationToken))
            : null;

    /// <summary>Copies at most <see cref="MaxBytes"/>, checks it is a PNG of a sane size, then puts it in place; the error otherwise.</summary>
    private async Task<string?> StorePngAsync(string userId, Stream png, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"framecast-watermark-{Guid.NewGuid():N}.png");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await png.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > MaxBytes)
                    {
                        return $"The watermark may be at most {MaxBytes / 1024} KiB.";
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (await probe.ProbePngAsync(temp, cancellationToken) is not { } size)
            {
                return "The watermark must be a PNG image.";
            }
            if (size.Width > MaxSide || size.Height > MaxSide)
            {
                return $"The watermark may be at most {MaxSide}×{MaxSide} pixels.";
            }
            await blobs.ImportFileAsync(ChannelWatermark.BlobKeyOf(userId), temp, cancellationToken);
            return null;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
