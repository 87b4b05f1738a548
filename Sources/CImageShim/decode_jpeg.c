// libjpeg's default error handler calls exit(); this one longjmps back to the decoder.
#include "CImageShim.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#define CS_MAX_DECODED_BYTES ((size_t)1 << 31)

typedef struct {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    size_t message_size;
} cs_jpeg_error;

static void cs_jpeg_error_exit(j_common_ptr info) {
    cs_jpeg_error *error = (cs_jpeg_error *)info->err;
    char text[JMSG_LENGTH_MAX];
    error->base.format_message(info, text);
    snprintf(error->message, error->message_size, "libjpeg: %s", text);
    longjmp(error->jump, 1);
}

// Warnings that mean the pixel data is incomplete or corrupt become errors; libjpeg would
// otherwise fill the missing part with grey and report success.
static void cs_jpeg_emit_message(j_common_ptr info, int level) {
    int code = info->err->msg_code;
    if (level == -1 && (code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER ||
                        code == JWRN_HUFF_BAD_CODE || code == JWRN_MUST_RESYNC)) {
        cs_jpeg_error_exit(info);
    }
    if (level == -1) {
        info->err->num_warnings++;
    }
}

int cs_jpeg_decode(const unsigned char *bytes, size_t count, cs_image *image,
                   char *message, size_t message_size) {
    memset(image, 0, sizeof(*image));
    if (count < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF) {
        snprintf(message, message_size, "not a JPEG file (bad signature)");
        return 1;
    }
    struct jpeg_decompress_struct info;
    cs_jpeg_error error;
    info.err = jpeg_std_error(&error.base);
    error.base.error_exit = cs_jpeg_error_exit;
    error.base.emit_message = cs_jpeg_emit_message;
    error.message = message;
    error.message_size = message_size;
    unsigned char *volatile samples = NULL;
    if (setjmp(error.jump)) {
        free(samples);
        jpeg_destroy_decompress(&info);
        return 1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, bytes, (unsigned long)count);
    jpeg_read_header(&info, TRUE);

    if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
        snprintf(message, message_size, "CMYK JPEG files are not supported; save it as RGB");
        jpeg_destroy_decompress(&info);
        return 1;
    }
    info.out_color_space = info.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&info);

    size_t row_bytes = (size_t)info.output_width * (size_t)info.output_components;
    if (row_bytes == 0 || info.output_height > CS_MAX_DECODED_BYTES / row_bytes) {
        snprintf(message, message_size, "the image is too large to decode");
        jpeg_destroy_decompress(&info);
        return 1;
    }
    samples = malloc(row_bytes * info.output_height);
    if (!samples) {
        snprintf(message, message_size, "out of memory for the decoded image");
        jpeg_destroy_decompress(&info);
        return 1;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = samples + (size_t)info.output_scanline * row_bytes;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);

    image->width = info.output_width;
    image->height = info.output_height;
    image->channels = (unsigned int)info.output_components;
    image->bit_depth = 8;
    image->samples = samples;
    jpeg_destroy_decompress(&info);
    return 0;
}
