import './engine';
