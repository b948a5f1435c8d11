namespace Framecast.Tests.Infrastructure.Media;

/// <summary>Captured from Debian's ffprobe 5.1 (-print_format json -show_format -show_streams; disposition and filename removed): a 640x360 H.264/AAC MP4 with a -90° display matrix, as phones record portrait video.</summary>
internal static class ProbeSampleRotatedPhone
{
    public const string Json = """
        {
          "streams": [
            {
              "index": 0,
              "codec_name": "h264",
              "codec_long_name": "H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10",
              "profile": "Constrained Baseline",
              "codec_type": "video",
              "codec_tag_string": "avc1",
              "codec_tag": "0x31637661",
              "width": 640,
              "height": 360,
              "coded_width": 640,
              "coded_height": 360,
              "closed_captions": 0,
              "film_grain": 0,
              "has_b_frames": 0,
              "sample_aspect_ratio": "1:1",
              "display_aspect_ratio": "16:9",
              "pix_fmt": "yuv420p",
              "level": 30,
              "chroma_location": "left",
              "field_order": "progressive",
              "refs": 1,
              "is_avc": "true",
              "nal_length_size": "4",
              "id": "0x1",
              "r_frame_rate": "25/1",
              "avg_frame_rate": "25/1",
              "time_base": "1/12800",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 25600,
              "duration": "2.000000",
              "bit_rate": "1739912",
              "bits_per_raw_sample": "8",
              "nb_frames": "50",
              "extradata_size": 40,
              "tags": {
                "language": "und",
                "handler_name": "VideoHandler",
                "vendor_id": "[0][0][0][0]",
                "encoder": "Lavc59.37.100 libx264"
              },
              "side_data_list": [
                {
                  "side_data_type": "Display Matrix",
                  "displaymatrix": "\n00000000:            0       65536           0\n00000001:       -65536           0           0\n00000002:            0           0  1073741824\n",
                  "rotation": -90
                }
              ]
            },
            {
              "index": 1,
              "codec_name": "aac",
              "codec_long_name": "AAC (Advanced Audio Coding)",
              "profile": "LC",
              "codec_type": "audio",
              "codec_tag_string": "mp4a",
              "codec_tag": "0x6134706d",
              "sample_fmt": "fltp",
              "sample_rate": "48000",
              "channels": 1,
              "channel_layout": "mono",
              "bits_per_sample": 0,
              "id": "0x2",
              "r_frame_rate": "0/0",
              "avg_frame_rate": "0/0",
              "time_base": "1/48000",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 96000,
              "duration": "2.000000",
              "bit_rate": "69937",
              "nb_frames": "95",
              "extradata_size": 5,
              "tags": {
                "language": "und",
                "handler_name": "SoundHandler",
                "vendor_id": "[0][0][0][0]"
              }
            }
          ],
          "format": {
            "nb_streams": 2,
            "nb_programs": 0,
            "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
            "format_long_name": "QuickTime / MOV",
            "start_time": "0.000000",
            "duration": "2.000000",
            "size": "455203",
            "bit_rate": "1820812",
            "probe_score": 100,
            "tags": {
              "major_brand": "isom",
              "minor_version": "512",
              "compatible_brands": "isomiso2avc1mp41",
              "encoder": "Lavf59.27.100"
            }
          }
        }
        """;
}
