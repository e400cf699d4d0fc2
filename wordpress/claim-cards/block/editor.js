// The block in the editor: the bundle (from the media library, or a URL) and
// an initial speaker filter. The page gets the widget from the server
// (claim-cards.php renders the block as it renders the shortcode).
(function (wp) {
  const el = wp.element.createElement;
  const { __ } = wp.i18n;
  const { useBlockProps, MediaUpload, MediaUploadCheck } = wp.blockEditor;
  const { TextControl, Button, Placeholder } = wp.components;
  wp.blocks.registerBlockType('claim-cards/widget', {
    edit({ attributes, setAttributes }) {
      return el('div', useBlockProps(),
        el(Placeholder, {
          icon: 'format-quote',
          label: __('Claim cards', 'claim-cards'),
          instructions: __('A claim bundle: a .json file from the media library, or its URL.', 'claim-cards'),
        },
        el(TextControl, { label: __('Bundle URL', 'claim-cards'), value: attributes.src || '', onChange: (src) => setAttributes({ src }) }),
        el(MediaUploadCheck, null, el(MediaUpload, {
          allowedTypes: ['application/json'],
          onSelect: (media) => setAttributes({ src: media.url }),
          render: ({ open }) => el(Button, { variant: 'secondary', onClick: open }, __('Media library', 'claim-cards')),
        })),
        el(TextControl, {
          label: __('Only these speakers (ids, comma-separated)', 'claim-cards'),
          value: attributes.speaker || '',
          onChange: (speaker) => setAttributes({ speaker }),
        })));
    },
    save: () => null,
  });
})(window.wp);
