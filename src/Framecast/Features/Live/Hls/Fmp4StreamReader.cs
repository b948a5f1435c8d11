using System.Buffers.Binary;

namespace Framecast.Features.Live.Hls;

/// <summary>
/// Reads a fragmented MP4 as ffmpeg writes it to a socket (<c>-movflags frag_keyframe+empty_moov+default_base_moof</c>):
/// the init section once, then one fragment per moof + mdat, each handed on as soon as its last byte arrives.
/// </summary>
public sealed class Fmp4StreamReader(Stream input)
{
    /// <summary>No box of a live fragment comes near this; a bigger one means the stream is not what we expect.</summary>
    public const int MaxBoxBytes = 32 * 1024 * 1024;

    /// <summary>The init section (ftyp + moov), or null when the stream ends first.</summary>
    public async Task<Fmp4Init?> ReadInitAsync(CancellationToken cancellationToken)
    {
        var init = new MemoryStream();
        while (await ReadBoxAsync(cancellationToken) is { } box)
        {
            if (box.Type is "ftyp" or "moov")
            {
                init.Write(box.Bytes);
            }
            if (box.Type == "moov")
            {
                return Fmp4Init.Parse(init.ToArray()) ?? throw new InvalidDataException("The transcoder's init section has no usable track.");
            }
        }
        return null;
    }

    /// <summary>The next moof + mdat as one buffer, or null at the end of the stream.</summary>
    public async Task<byte[]?> ReadFragmentAsync(CancellationToken cancellationToken)
    {
        byte[]? moof = null;
        while (await ReadBoxAsync(cancellationToken) is { } box)
        {
            if (box.Type == "moof")
            {
                moof = box.Bytes;
            }
            else if (box.Type == "mdat" && moof is not null)
            {
                var fragment = new byte[moof.Length + box.Bytes.Length];
                moof.CopyTo(fragment, 0);
                box.Bytes.CopyTo(fragment, moof.Length);
                return fragment;
            }
        }
        return null;
    }

    private async Task<(string Type, byte[] Bytes)?> ReadBoxAsync(CancellationToken cancellationToken)
    {
        var header = new byte[8];
        if (!await FillAsync(header, cancellationToken))
        {
            return null;
        }
        var size = BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
        if (size < 8 || size > MaxBoxBytes)
        {
            throw new InvalidDataException($"A '{type}' box of {size} bytes in the transcoder's output.");
        }
        var bytes = new byte[size];
        header.CopyTo(bytes, 0);
        if (!await FillAsync(bytes.AsMemory(8), cancellationToken))
        {
            return null;
        }
        return (type, bytes);
    }

    private async Task<bool> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await input.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                return false;
            }
            filled += read;
        }
        return true;
    }
}
