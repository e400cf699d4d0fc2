<?php
// The editor script's dependencies, as WordPress reads them for block.json's editorScript.
return ['dependencies' => ['wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n'], 'version' => '__CLAIM_CARDS_VERSION__'];
