<?php
/**
 * Plugin Name: claim-cards
 * Description: Who said what in a news article: a claim bundle's claims as cards readers filter and search. A block and the shortcode [claim-cards src="…"]; bundles uploaded to the media library are prerendered.
 * Version: __CLAIM_CARDS_VERSION__
 * Requires at least: 6.1
 * Requires PHP: 7.4
 * License: MIT OR Apache-2.0
 * Text Domain: claim-cards
 *
 * What it prints is always the <claim-cards> element of the widget's files
 * (assets/, or where the settings say). The element's attributes are the
 * widget's own list (element.json, written by the build from
 * `claim-cards element attributes`); nothing else of a shortcode or a block
 * reaches the page, and every value is escaped, so an author without
 * unfiltered_html cannot inject markup through them. Which bundles a page
 * may show is the site's choice (the bundle-origins setting), never a post's.
 */

defined('ABSPATH') || exit;

const CLAIM_CARDS_VERSION = '__CLAIM_CARDS_VERSION__';
/** The prerendered HTML of a bundle in the media library, and what it was made for. */
const CLAIM_CARDS_META_HTML = '_claim_cards_html';
const CLAIM_CARDS_META_KEY = '_claim_cards_key';

/** The element's attribute lists (params, lists, remount, options, start, flags, urls). */
function claim_cards_vocabulary() {
    static $vocabulary = null;
    if ($vocabulary === null) {
        $text = file_get_contents(__DIR__ . '/element.json');
        $vocabulary = is_string($text) ? json_decode($text, true) : null;
        if (!is_array($vocabulary)) {
            $vocabulary = ['params' => [], 'lists' => [], 'remount' => ['src', 'bundle-origins'], 'options' => [], 'start' => [], 'flags' => [], 'urls' => ['src']];
        }
    }
    return $vocabulary;
}

/** The attributes a shortcode or a block may set: all but bundle-origins (the site's). */
function claim_cards_post_attributes() {
    $v = claim_cards_vocabulary();
    $names = array_merge($v['remount'], $v['options'], $v['params'], $v['start']);
    return array_values(array_diff($names, ['bundle-origins']));
}

/** Settings, with their defaults. */
function claim_cards_option($name) {
    switch ($name) {
        case 'assets':
            $url = trim((string) get_option('claim_cards_assets', ''));
            return $url === '' ? plugins_url('assets/', __FILE__) : trailingslashit($url);
        case 'origins':
            $list = trim((string) get_option('claim_cards_bundle_origins', ''));
            return $list === '' ? 'self' : preg_replace('/\s+/', ' ', $list);
        case 'cli':
            return trim((string) get_option('claim_cards_cli', ''));
    }
    return '';
}

/** What a stored prerender was made for: it is used only while these hold. */
function claim_cards_render_key() {
    return md5(CLAIM_CARDS_VERSION . '|' . claim_cards_option('assets') . '|' . claim_cards_option('origins'));
}

// ---- The widget on the page -------------------------------------------------

function claim_cards_enqueue() {
    wp_enqueue_script('claim-cards', claim_cards_option('assets') . 'claim-cards.js', [], null, true);
}

add_filter('script_loader_tag', function ($tag, $handle, $src) {
    if ($handle !== 'claim-cards') {
        return $tag;
    }
    return '<script type="module" src="' . esc_url($src) . '"></script>' . "\n";
}, 10, 3);

/**
 * The widget for a shortcode's or a block's attributes: the prerender made
 * at upload when the bundle is in the media library and nothing asks for
 * another view, else the live element with a link to the bundle.
 */
function claim_cards_render($atts) {
    $atts = is_array($atts) ? $atts : [];
    $src = esc_url_raw(trim((string) ($atts['src'] ?? '')), ['http', 'https']);
    if ($src === '') {
        return current_user_can('edit_posts')
            ? '<p class="claim-cards-missing">' . esc_html__('claim-cards: no bundle (src) given, or not an http(s) URL.', 'claim-cards') . '</p>'
            : '';
    }
    claim_cards_enqueue();
    $allowed = claim_cards_post_attributes();
    $given = [];
    foreach ($allowed as $name) {
        $key = str_replace('-', '_', $name);
        $value = $atts[$name] ?? $atts[$key] ?? null;
        if ($value === null || $value === '' || $value === false || $name === 'src') {
            continue;
        }
        $value = is_array($value) ? implode(',', array_map('strval', $value)) : (string) $value;
        // A link is an http(s) link or nothing.
        if (in_array($name, claim_cards_vocabulary()['urls'], true)) {
            $value = esc_url_raw(trim($value), ['http', 'https']);
            if ($value === '') {
                continue;
            }
        }
        $given[$name] = $value;
    }
    $attachment = attachment_url_to_postid($src);
    if ($attachment && !array_diff_key($given, ['loading' => 1])) {
        $html = get_post_meta($attachment, CLAIM_CARDS_META_HTML, true);
        if (is_string($html) && $html !== '' && get_post_meta($attachment, CLAIM_CARDS_META_KEY, true) === claim_cards_render_key()) {
            return $html;
        }
    }
    $out = '<claim-cards src="' . esc_url($src) . '" bundle-origins="' . esc_attr(claim_cards_option('origins')) . '"';
    $flags = claim_cards_vocabulary()['flags'];
    foreach ($given as $name => $value) {
        if (in_array($name, $flags, true)) {
            $out .= in_array(strtolower($value), ['0', 'false', 'no', 'off'], true) ? '' : ' ' . $name;
        } else {
            $out .= ' ' . $name . '="' . esc_attr($value) . '"';
        }
    }
    return $out . '><a href="' . esc_url($src) . '">' . esc_html__('The claims in this article', 'claim-cards') . '</a></claim-cards>';
}

add_shortcode('claim-cards', 'claim_cards_render');

add_action('init', function () {
    $attributes = [];
    foreach (claim_cards_post_attributes() as $name) {
        $attributes[$name] = ['type' => 'string'];
    }
    register_block_type(__DIR__ . '/block', [
        'attributes' => $attributes,
        'render_callback' => function ($attributes) {
            return claim_cards_render($attributes);
        },
    ]);
});

// ---- Bundles in the media library ------------------------------------------

/** Editors (and above) may upload bundles: .json as application/json. */
add_filter('upload_mimes', function ($mimes, $user = null) {
    $can = $user ? user_can($user, 'edit_others_posts') : current_user_can('edit_others_posts');
    if ($can) {
        $mimes['json'] = 'application/json';
    }
    return $mimes;
}, 10, 2);

/** PHP's finfo calls JSON text/plain: a .json that is allowed stays application/json. */
add_filter('wp_check_filetype_and_ext', function ($data, $file, $filename, $mimes, $real_mime = null) {
    if (strtolower(pathinfo((string) $filename, PATHINFO_EXTENSION)) === 'json' && is_array($mimes) && isset($mimes['json'])
        && in_array($real_mime, [null, 'application/json', 'text/plain'], true)) {
        return ['ext' => 'json', 'type' => 'application/json', 'proper_filename' => false];
    }
    return $data;
}, 10, 5);

/**
 * Prerenders an uploaded bundle with the claim-cards CLI (the setting
 * "claim-cards render"), so that posts show every card before (and without)
 * JavaScript. Without the CLI, or when it fails, posts get the live widget.
 */
function claim_cards_prerender($attachment) {
    delete_post_meta($attachment, CLAIM_CARDS_META_HTML);
    delete_post_meta($attachment, CLAIM_CARDS_META_KEY);
    $cli = claim_cards_option('cli');
    $file = get_attached_file($attachment);
    if ($cli === '' || !is_executable($cli) || !$file || get_post_mime_type($attachment) !== 'application/json') {
        return false;
    }
    $cmd = [$cli, 'render', $file, '--src', wp_get_attachment_url($attachment), '--assets', claim_cards_option('assets'),
        '--bundle-origins', claim_cards_option('origins')];
    $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if (!is_resource($proc)) {
        return false;
    }
    $html = stream_get_contents($pipes[1]);
    $problems = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $status = proc_close($proc);
    // 0: every claim shown; 1: some skipped (still a widget); 2: not run.
    if (($status !== 0 && $status !== 1) || !is_string($html) || strpos($html, '<claim-cards') !== 0) {
        update_post_meta($attachment, '_claim_cards_problems', (string) $problems);
        return false;
    }
    update_post_meta($attachment, CLAIM_CARDS_META_HTML, wp_slash(trim($html)));
    update_post_meta($attachment, CLAIM_CARDS_META_KEY, claim_cards_render_key());
    update_post_meta($attachment, '_claim_cards_problems', (string) $problems);
    return true;
}

add_action('add_attachment', 'claim_cards_prerender');

// ---- Settings ----------------------------------------------------------------

add_action('admin_init', function () {
    register_setting('claim_cards', 'claim_cards_assets', ['type' => 'string', 'sanitize_callback' => function ($v) {
        return esc_url_raw(trim((string) $v), ['http', 'https']);
    }]);
    register_setting('claim_cards', 'claim_cards_bundle_origins', ['type' => 'string', 'sanitize_callback' => function ($v) {
        $ok = array_filter(preg_split('/\s+/', trim((string) $v)) ?: [], function ($o) {
            return $o === 'self' || preg_match('#^https?://[^/?\#@\s]+$#', $o);
        });
        return implode(' ', $ok);
    }]);
    register_setting('claim_cards', 'claim_cards_cli', ['type' => 'string', 'sanitize_callback' => function ($v) {
        return sanitize_text_field((string) $v);
    }]);
    $field = function ($name, $label, $help) {
        add_settings_field($name, $label, function () use ($name, $help) {
            printf('<input type="text" class="regular-text code" name="%1$s" id="%1$s" value="%2$s"><p class="description">%3$s</p>',
                esc_attr($name), esc_attr((string) get_option($name, '')), esc_html($help));
        }, 'claim_cards', 'claim_cards_main', ['label_for' => $name]);
    };
    add_settings_section('claim_cards_main', '', '__return_false', 'claim_cards');
    $field('claim_cards_assets', __('Widget files', 'claim-cards'),
        __('Where claim-cards.js and its files are served from (a CDN). Empty: this plugin\'s own copy.', 'claim-cards'));
    $field('claim_cards_bundle_origins', __('Bundle origins', 'claim-cards'),
        __('The only origins bundles may come from: "self" and origins, space-separated. Empty: self.', 'claim-cards'));
    $field('claim_cards_cli', __('claim-cards render', 'claim-cards'),
        __('The path of the claim-cards program on this server: bundles uploaded to the media library are then prerendered. Empty: posts get the live widget.', 'claim-cards'));
});

add_action('admin_menu', function () {
    add_options_page('claim-cards', 'claim-cards', 'manage_options', 'claim-cards', function () {
        echo '<div class="wrap"><h1>claim-cards</h1><form method="post" action="options.php">';
        settings_fields('claim_cards');
        do_settings_sections('claim_cards');
        submit_button();
        echo '</form></div>';
    });
});
